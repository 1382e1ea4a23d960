using JasperFx.Events;

namespace AnJiaXing.UnitTests.Enterprises;

public class EnterpriseTests
{
    private static readonly Actor By = new(Guid.NewGuid(), "南翔镇安监 张明", Role.TownSupervisor, Guid.NewGuid(), "南翔镇");
    private static readonly Organisation Nanxiang = new() { Id = Guid.NewGuid(), Name = "南翔镇", Kind = OrganisationKind.Town };

    private static RegisterEnterprise Data(Guid? town = null, string name = " 上海测试化工有限公司 ") => new(
        name, "91350100m000100y43", "南翔镇某路1号", town ?? Nanxiang.Id,
        [IndustryDomain.HazardousChemicals, IndustryDomain.HazardousChemicals], "中型", "  ", null, "021-59000000");

    private static Enterprise Registered(out EnterpriseRegistered e)
    {
        e = Enterprise.Register(Guid.NewGuid(), Data(), Nanxiang, By);
        return Enterprise.Create(new Event<EnterpriseRegistered>(e) { Timestamp = DateTimeOffset.UtcNow });
    }

    [Fact]
    public void registration_normalises_the_data_it_records()
    {
        var e = Enterprise.Register(Guid.NewGuid(), Data(), Nanxiang, By);
        Assert.Equal("上海测试化工有限公司", e.Name);
        Assert.Equal("91350100M000100Y43", e.CreditCode);
        Assert.Equal([IndustryDomain.HazardousChemicals], e.Domains);
        Assert.Null(e.LegalRepresentative);
        Assert.Equal("南翔镇", e.TownName);
        Assert.Equal(By, e.By);
    }

    [Fact]
    public void registration_into_something_that_is_not_a_town_is_refused()
    {
        var department = new Organisation { Id = Guid.NewGuid(), Name = "应急局", Kind = OrganisationKind.Department };
        Assert.IsType<ValidationProblemException>(Record.Exception(() => Enterprise.Register(Guid.NewGuid(), Data(department.Id), department, By)));
    }

    [Fact]
    public void disabling_twice_is_a_conflict_and_enabling_an_enabled_one_too()
    {
        var enterprise = Registered(out _);
        Assert.Equal(409, Assert.IsType<ApiProblemException>(Record.Exception(() => enterprise.Enable(By))).Status);
        enterprise.EnsureAcceptsNewWork();
        var disabled = enterprise.Disable(" 停产 ", By);
        Assert.Equal("停产", disabled.Reason);
        enterprise.Apply(disabled);
        Assert.False(enterprise.Enabled);
        Assert.Equal(409, Assert.IsType<ApiProblemException>(Record.Exception(() => enterprise.Disable(null, By))).Status);
        Assert.Equal(409, Assert.IsType<ApiProblemException>(Record.Exception(enterprise.EnsureAcceptsNewWork)).Status);
        Assert.Equal(409, Assert.IsType<ApiProblemException>(Record.Exception(() => enterprise.GrantAccount(Guid.NewGuid(), "u", "U", By))).Status);
    }

    [Fact]
    public void an_update_with_the_same_data_decides_nothing_and_a_change_replaces_the_whole_record()
    {
        var enterprise = Registered(out _);
        Assert.Null(enterprise.Update(Data(), Nanxiang, By));

        var updated = enterprise.Update(Data(name: "上海改名化工有限公司"), Nanxiang, By);
        Assert.NotNull(updated);
        enterprise.Apply(new Event<EnterpriseUpdated>(updated!) { Timestamp = DateTimeOffset.UtcNow });
        Assert.Equal("上海改名化工有限公司", enterprise.Name);
        Assert.Equal("上海改名化工有限公司 91350100m000100y43", enterprise.SearchText);
    }
}
