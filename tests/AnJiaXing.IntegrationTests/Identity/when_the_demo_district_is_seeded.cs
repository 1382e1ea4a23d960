using Microsoft.Extensions.DependencyInjection;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;

namespace AnJiaXing.IntegrationTests.Identity;

public class when_the_demo_district_is_seeded(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task the_district_has_its_twelve_towns_and_the_departments_with_their_domains()
    {
        var result = await app.As("district.admin", s => s.Get.Url("/api/organisations"));
        var orgs = result.Json().EnumerateArray().ToList();
        string[] Names(string kind) => orgs.Where(o => o.GetProperty("kind").GetString() == kind)
            .Select(o => o.GetProperty("name").GetString()!).ToArray();
        string[] Domains(string name) => orgs.Single(o => o.GetProperty("name").GetString() == name)
            .GetProperty("domains").EnumerateArray().Select(d => d.GetString()!).ToArray();

        Assert.Equal(["嘉定区"], Names("District"));
        Assert.Equal(DemoDistrict.Towns.Order(), Names("Town").Order());
        Assert.Equal(7, Names("Department").Length);
        Assert.Equal(["HazardousChemicals", "IndustryAndTrade"], Domains("应急局"));
        Assert.Equal(["ConstructionSites"], Domains("建管委"));
        Assert.Equal(["FactoriesAndWarehouses", "CrowdedPlaces"], Domains("消防支队"));
        Assert.Equal(["FloodAndTyphoon"], Domains("水务局"));
    }

    [Fact]
    public async Task a_town_supervisor_sees_only_their_own_town()
    {
        var result = await app.As("town.anting", s => s.Get.Url("/api/organisations?kind=Town"));
        var towns = result.Json().EnumerateArray().Select(o => o.GetProperty("name").GetString()).ToList();
        Assert.Equal(["安亭镇"], towns);
    }

    [Theory]
    [InlineData("district.admin", "DistrictAdmin", "嘉定区")]
    [InlineData("dept.emergency", "DepartmentOfficer", "应急局")]
    [InlineData("dept.construction", "DepartmentOfficer", "建管委")]
    [InlineData("town.nanxiang", "TownSupervisor", "南翔镇")]
    [InlineData("town.anting", "TownSupervisor", "安亭镇")]
    [InlineData("inspector.nanxiang", "ThirdPartyInspector", "南翔镇")]
    [InlineData("auditor", "Auditor", "嘉定区")]
    public async Task every_demo_account_signs_in_with_its_role_and_organisation(string username, string role, string organisation)
    {
        var me = (await app.As(username, s => s.Get.Url("/api/me"))).Json();
        Assert.Equal(role, me.GetProperty("role").GetString());
        Assert.Equal(organisation, me.GetProperty("organisationName").GetString());
    }

    [Fact]
    public async Task seeding_twice_adds_nothing()
    {
        await using var before = app.Store.QuerySession();
        var accounts = await before.Query<UserAccount>().CountAsync();

        var seeder = app.Host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<DemoDataSeeder>().Single();
        await seeder.StartAsync(CancellationToken.None);

        await using var after = app.Store.QuerySession();
        Assert.Equal(accounts, await after.Query<UserAccount>().CountAsync());
    }
}

public class when_the_demo_hazards_are_seeded(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task the_demo_enterprises_have_hazards_in_every_status_over_the_last_year_with_a_whole_ledger()
    {
        await using var session = app.Store.QuerySession();
        var hazards = await session.Query<AnJiaXing.Hazards.Contracts.HazardView>().ToListAsync();
        Assert.Equal(Enum.GetValues<AnJiaXing.Hazards.Contracts.HazardStatus>().Order(), hazards.Select(h => h.Status).Distinct().Order());
        Assert.Contains(hazards, h => h.ReportedAt < DateTimeOffset.UtcNow.AddDays(-180));
        Assert.Contains(hazards, h => h.ReportedAt > DateTimeOffset.UtcNow.AddDays(-30));
        Assert.Contains(hazards, h => AnJiaXing.Hazards.Contracts.HazardLifecycle.IsOverdue(h.Status, h.Deadline, DateTimeOffset.UtcNow));

        var verify = (await app.As("auditor", s => s.Get.Url("/api/ledger/verify"))).Json();
        Assert.True(verify.GetProperty("ok").GetBoolean(), verify.ToString());
    }
}
