
namespace AnJiaXing.UnitTests.Checklists;

public class ChecklistTests
{
    private static readonly Actor Supervisor = new(Guid.NewGuid(), "张明", Role.TownSupervisor, Guid.NewGuid(), "南翔镇");
    private static readonly ChecklistItem[] Items = [new(" A-01 ", " 消防 ", " 灭火器有效 ", null!, HazardLevel.General)];

    private static Checklist Published(ChecklistKind kind = ChecklistKind.Custom, IndustryDomain? domain = null, ChecklistItem[]? items = null)
    {
        var published = Checklist.Publish(Guid.NewGuid(), "自查表", kind, domain, items ?? Items, Supervisor);
        var checklist = new Checklist
        {
            Id = published.ChecklistId, Name = published.Name, Kind = published.Kind, Domain = published.Domain,
            OwnerOrganisationId = published.OwnerOrganisationId, Items = [.. published.Items], Version = 1
        };
        return checklist;
    }

    [Fact]
    public void a_custom_checklist_belongs_to_the_publishers_organisation_and_items_are_trimmed()
    {
        var published = Checklist.Publish(Guid.NewGuid(), " 自查表 ", ChecklistKind.Custom, null, Items, Supervisor);
        Assert.Equal(Supervisor.OrganisationId, published.OwnerOrganisationId);
        Assert.Equal("南翔镇", published.OwnerOrganisationName);
        Assert.Equal(new ChecklistItem("A-01", "消防", "灭火器有效", "", HazardLevel.General), Assert.Single(published.Items));
    }

    [Fact]
    public void an_industry_checklist_needs_a_domain_and_a_legal_basis_for_every_item_and_has_no_owner()
    {
        Assert.Throws<ValidationProblemException>(() => Checklist.Publish(Guid.NewGuid(), "表", ChecklistKind.Industry, null, Items, Supervisor));
        Assert.Throws<ValidationProblemException>(() =>
            Checklist.Publish(Guid.NewGuid(), "表", ChecklistKind.Recommended, IndustryDomain.ConstructionSites, Items, Supervisor));

        var ok = Checklist.Publish(Guid.NewGuid(), "表", ChecklistKind.Recommended, IndustryDomain.ConstructionSites,
            [Items[0] with { LegalBasis = "建质规〔2022〕2号 第四条" }], Supervisor);
        Assert.Null(ok.OwnerOrganisationId);
    }

    [Fact]
    public void revising_to_the_same_content_produces_no_version()
    {
        var checklist = Published();
        Assert.Null(checklist.Revise("自查表", [new ChecklistItem("A-01", "消防", "灭火器有效", "", HazardLevel.General)], null, Supervisor));

        var revised = checklist.Revise("自查表", [new ChecklistItem("A-01", "消防", "灭火器有效且压力正常", "", HazardLevel.General)], " 补充 ", Supervisor);
        Assert.NotNull(revised);
        Assert.Equal("补充", revised!.Note);
    }

    [Fact]
    public void a_retired_checklist_refuses_edits_and_a_second_retirement()
    {
        var checklist = Published();
        checklist.Retired = true;
        Assert.Equal(409, Assert.Throws<ApiProblemException>(() => checklist.Revise("新", Items, null, Supervisor)).Status);
        Assert.Equal(409, Assert.Throws<ApiProblemException>(() => checklist.Retire(null, Supervisor)).Status);
    }

    [Fact]
    public void items_are_found_by_code_regardless_of_case()
    {
        var checklist = Published();
        Assert.Equal("灭火器有效", checklist.FindItem("a-01")!.Content);
        Assert.Null(checklist.FindItem("A-02"));
    }

    [Theory]
    [InlineData(Role.TownSupervisor, true, true)]
    [InlineData(Role.EnterpriseUser, true, true)]
    [InlineData(Role.Auditor, true, false)]
    [InlineData(Role.DistrictAdmin, true, true)]
    public void custom_checklist_rules_follow_the_owning_organisation(Role role, bool ownRead, bool ownMaintain)
    {
        var org = Guid.NewGuid();
        var caller = new Caller(Guid.NewGuid(), "u", "u", role, org, "org", OrganisationKind.Town, null, null, []);
        var own = new ChecklistTarget(ChecklistKind.Custom, null, org);
        var other = new ChecklistTarget(ChecklistKind.Custom, null, Guid.NewGuid());
        Assert.Equal(ownRead, ChecklistAccess.CanRead(caller, own));
        Assert.Equal(ownMaintain, ChecklistAccess.CanMaintain(caller, own));
        Assert.Equal(caller.Scope.IsDistrictWide, ChecklistAccess.CanRead(caller, other));
        Assert.Equal(role == Role.DistrictAdmin, ChecklistAccess.CanMaintain(caller, other));
    }
}
