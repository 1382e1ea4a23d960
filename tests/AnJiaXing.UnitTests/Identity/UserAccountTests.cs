
namespace AnJiaXing.UnitTests.Identity;

public class UserAccountTests
{
    private static readonly Actor Admin = new(Guid.NewGuid(), "管理员", Role.DistrictAdmin, Guid.NewGuid(), "嘉定区");

    private static Organisation Town(string name = "南翔镇")
    {
        var id = Guid.NewGuid();
        return new Organisation { Id = id, Name = name, Kind = OrganisationKind.Town, TownId = id };
    }

    [Fact]
    public void opening_normalises_the_username_and_records_the_town_and_the_actor()
    {
        var town = Town();
        var created = UserAccount.Open(Guid.NewGuid(), "  Inspector.NX ", " 刘洋 ", Role.ThirdPartyInspector, town, Admin);
        Assert.Equal("inspector.nx", created.Username);
        Assert.Equal("刘洋", created.DisplayName);
        Assert.Equal(town.Id, created.TownId);
        Assert.Equal(Admin, created.By);
    }

    [Theory]
    [InlineData(Role.EnterpriseUser)]
    [InlineData(Role.DepartmentOfficer)]
    [InlineData(Role.DistrictAdmin)]
    [InlineData(Role.Auditor)]
    public void a_role_that_does_not_belong_to_a_town_is_refused_for_a_town(Role role)
    {
        var e = Assert.Throws<ValidationProblemException>(() => UserAccount.Open(Guid.NewGuid(), "x.y", "x", role, Town(), Admin));
        Assert.True(e.Errors.ContainsKey("organisationId"));
    }

    [Fact]
    public void a_disabled_organisation_gets_no_new_accounts()
    {
        var town = Town();
        town.Enabled = false;
        Assert.Throws<ValidationProblemException>(() => UserAccount.Open(Guid.NewGuid(), "x.y", "x", Role.TownSupervisor, town, Admin));
    }

    [Fact]
    public void disabling_twice_is_a_conflict_and_enabling_an_enabled_account_too()
    {
        var account = new UserAccount { Id = Guid.NewGuid(), Username = "a", Enabled = true };
        var disabled = account.Disable("left", Admin);
        Assert.Equal("left", disabled.Reason);
        account.Apply(disabled);
        Assert.False(account.Enabled);
        Assert.Equal(409, Assert.Throws<ApiProblemException>(() => account.Disable(null, Admin)).Status);
        account.Apply(account.Enable(Admin));
        Assert.Equal(409, Assert.Throws<ApiProblemException>(() => account.Enable(Admin)).Status);
    }

    [Fact]
    public void nobody_disables_their_own_account()
    {
        var account = new UserAccount { Id = Admin.Id, Username = "self", Enabled = true };
        Assert.Equal(409, Assert.Throws<ApiProblemException>(() => account.Disable(null, Admin)).Status);
    }

    [Fact]
    public void a_role_change_to_the_same_role_and_organisation_is_a_conflict()
    {
        var town = Town();
        var account = new UserAccount { Id = Guid.NewGuid(), Role = Role.TownSupervisor, OrganisationId = town.Id };
        Assert.Equal(409, Assert.Throws<ApiProblemException>(() => account.ChangeRole(Role.TownSupervisor, town, Admin)).Status);
        var changed = account.ChangeRole(Role.ThirdPartyInspector, town, Admin);
        account.Apply(changed);
        Assert.Equal(Role.ThirdPartyInspector, account.Role);
    }
}
