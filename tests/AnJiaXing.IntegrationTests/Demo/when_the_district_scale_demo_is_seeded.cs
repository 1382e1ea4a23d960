using System.Diagnostics;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AnJiaXing.IntegrationTests.Demo;

/// <summary>One host seeded at district scale (<c>AnJiaXing:DemoScale=District</c>), its daemon caught up.</summary>
public class DistrictDemoFixture : AppFixture
{
    /// <summary>How long the host took to start, the district-scale seed included.</summary>
    public TimeSpan StartTime { get; private set; }

    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("AnJiaXing:DemoScale", "District");

    public override async Task InitializeAsync()
    {
        var started = Stopwatch.StartNew();
        await base.InitializeAsync();
        StartTime = started.Elapsed;
        // In solo mode (tests) Marten 9's coordinator starts only daemons someone asked for: ask for the main one.
        await Host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>()
            .DaemonForMainDatabase().StartAllAsync();
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(3));
    }
}

/// <summary>
/// The seed's plan, counted by hand: 64 small-demo enterprises + 12 towns × 20 = 304 enterprises, 76 in each key
/// domain (16 + 12 × 5); every enterprise but the three small-demo ones (ent.demo1–3, 14 hazards each) gets 10
/// hazards: (304 − 3) × 10 = 3,010, every town's 20 new enterprises alone 200.
/// </summary>
public class when_the_district_scale_demo_is_seeded(DistrictDemoFixture app, ITestOutputHelper output) : IClassFixture<DistrictDemoFixture>
{
    private static readonly IndustryDomain[] KeyDomains =
        [IndustryDomain.HazardousChemicals, IndustryDomain.IndustryAndTrade, IndustryDomain.ConstructionSites, IndustryDomain.FactoriesAndWarehouses];

    private static string Year()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        return $"from={today.AddDays(-400):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
    }

    [Fact]
    public async Task every_town_has_enterprises_of_the_four_key_domains_and_their_hazards()
    {
        output.WriteLine($"Host start with the district-scale seed: {app.StartTime.TotalSeconds:F1} s");
        await using var session = app.Store.QuerySession();
        var towns = await session.Query<Organisation>().Where(o => o.Kind == OrganisationKind.Town).ToListAsync();
        var enterprises = await session.Query<Organisation>().Where(o => o.Kind == OrganisationKind.Enterprise).ToListAsync();
        var hazards = await session.Query<HazardView>().ToListAsync();

        Assert.Equal(12, towns.Count);
        Assert.Equal(304, enterprises.Count);
        foreach (var domain in KeyDomains) Assert.Equal(76, enterprises.Count(e => e.Domains[0] == domain));
        foreach (var town in towns)
        {
            Assert.True(enterprises.Count(e => e.TownId == town.Id) >= 20, $"{town.Name} has too few enterprises");
            Assert.True(hazards.Count(h => h.TownId == town.Id) >= 200, $"{town.Name} has too few hazards");
        }
        foreach (var domain in KeyDomains) Assert.Contains(hazards, h => h.Domain == domain);

        var demoEnterprises = (await session.Query<Person>().Where(p => p.Username.StartsWith("ent.demo")).ToListAsync())
            .Select(p => p.OrganisationId).ToHashSet();
        Assert.Equal(3010, hazards.Count(h => !demoEnterprises.Contains(h.EnterpriseId) && h.InspectionId is null));
        foreach (var status in Enum.GetValues<HazardStatus>())
            Assert.Contains(hazards, h => h.Status == status);
    }

    [Fact]
    public async Task the_district_figures_count_every_hazard_and_every_towns_figures_are_its_own()
    {
        await using var session = app.Store.QuerySession();
        var streams = await session.Query<HazardView>().CountAsync();
        var district = (await app.As("district.admin", s => s.Get.Url($"/api/stats/hazards?{Year()}"))).Json();
        Assert.Equal(streams, district.GetProperty("figures").GetProperty("total").GetInt32());

        var sum = 0;
        foreach (var town in await session.Query<Organisation>().Where(o => o.Kind == OrganisationKind.Town).ToListAsync())
        {
            var figures = (await app.As("district.admin", s => s.Get.Url($"/api/stats/hazards?townId={town.Id}&{Year()}"))).Json().GetProperty("figures");
            var total = figures.GetProperty("total").GetInt32();
            Assert.True(total >= 200, $"{town.Name}: {total} hazards");
            Assert.True(figures.GetProperty("open").GetInt32() > 0, $"{town.Name} has no open hazards");
            sum += total;

            var inspections = (await app.As("district.admin", s => s.Get.Url($"/api/stats/inspections?townId={town.Id}"))).Json().GetProperty("figures");
            Assert.True(inspections.GetProperty("total").GetInt32() >= 1, $"{town.Name} has no inspection");
        }
        Assert.Equal(streams, sum);
    }

    [Fact]
    public async Task the_history_spans_the_last_twelve_months()
    {
        var trend = (await app.As("district.admin", s => s.Get.Url("/api/stats/trend?granularity=month"))).Json().GetProperty("figures");
        var months = trend.GetProperty("points").EnumerateArray().Where(p => p.GetProperty("reported").GetInt32() > 0)
            .Select(p => p.GetProperty("period").GetString()).ToList();
        Assert.True(months.Count >= 11, $"hazards reported in {months.Count} months only: {string.Join(", ", months)}");

        await using var session = app.Store.QuerySession();
        var reported = await session.Query<HazardView>().Select(h => h.ReportedAt).ToListAsync();
        Assert.True(reported.Select(r => r.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM")).Distinct().Count() >= 11);
        Assert.All(reported, r => Assert.True(r <= DateTimeOffset.UtcNow));
    }
}
