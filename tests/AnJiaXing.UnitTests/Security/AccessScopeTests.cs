
namespace AnJiaXing.UnitTests.Security;

public class AccessScopeTests
{
    private static readonly Guid Nanxiang = Guid.NewGuid();
    private static readonly Guid Anting = Guid.NewGuid();
    private static readonly Guid Enterprise = Guid.NewGuid();
    private static readonly IndustryDomain[] Chemicals = [IndustryDomain.HazardousChemicals];

    [Fact]
    public void town_staff_cover_enterprises_of_their_town_only()
    {
        var scope = new AccessScope(Role.TownSupervisor, Nanxiang, null, []);
        Assert.True(scope.CoversEnterprise(Enterprise, Nanxiang, Chemicals));
        Assert.False(scope.CoversEnterprise(Enterprise, Anting, Chemicals));
        Assert.True(scope.CoversTown(Nanxiang));
        Assert.False(scope.CoversTown(Anting));
    }

    [Fact]
    public void departments_cover_their_domains_district_wide()
    {
        var scope = new AccessScope(Role.DepartmentOfficer, null, null, [IndustryDomain.HazardousChemicals, IndustryDomain.IndustryAndTrade]);
        Assert.True(scope.CoversEnterprise(Enterprise, Anting, Chemicals));
        Assert.False(scope.CoversEnterprise(Enterprise, Anting, [IndustryDomain.ConstructionSites]));
        Assert.False(scope.CoversTown(Anting));
    }

    [Fact]
    public void enterprise_users_cover_their_own_enterprise_only()
    {
        var scope = new AccessScope(Role.EnterpriseUser, Nanxiang, Enterprise, []);
        Assert.True(scope.CoversEnterprise(Enterprise, Nanxiang, Chemicals));
        Assert.False(scope.CoversEnterprise(Guid.NewGuid(), Nanxiang, Chemicals));
    }

    [Theory]
    [InlineData(Role.DistrictAdmin)]
    [InlineData(Role.Auditor)]
    public void district_roles_cover_everything(Role role)
    {
        var scope = new AccessScope(role, null, null, []);
        Assert.True(scope.IsDistrictWide);
        Assert.True(scope.CoversEnterprise(Enterprise, Anting, [IndustryDomain.Other]));
        Assert.True(scope.CoversTown(Anting));
    }

    [Fact]
    public void a_town_sees_its_own_town_the_district_and_departments_but_not_other_towns()
    {
        var scope = new AccessScope(Role.TownSupervisor, Nanxiang, null, []);
        Assert.True(scope.CanSee(new Organisation { Id = Nanxiang, Kind = OrganisationKind.Town }));
        Assert.False(scope.CanSee(new Organisation { Id = Anting, Kind = OrganisationKind.Town }));
        Assert.True(scope.CanSee(new Organisation { Id = Guid.NewGuid(), Kind = OrganisationKind.Department }));
        Assert.True(scope.CanSee(new Organisation { Id = Guid.NewGuid(), Kind = OrganisationKind.District }));
    }
}
