using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Hosting;

namespace AnJiaXing.IntegrationTests.RiskControl;

/// <summary>The demo district with the risk-control demo seed on (the other classes leave it out to count exactly).</summary>
public class RiskDemoFixture : RiskControlFixture
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("AnJiaXing:RiskControl:DemoSeed", "true");
}

public class when_the_demo_district_has_risk_control(RiskDemoFixture app) : IClassFixture<RiskDemoFixture>
{
    private async Task<JsonElement> Get(string user, string url) => (await app.As(user, s => s.Get.Url(url))).Json();

    [Fact]
    public async Task every_demo_enterprise_has_points_of_every_level_a_map_and_patrols_with_some_missed()
    {
        foreach (var user in new[] { "ent.demo1", "ent.demo2", "ent.demo3" })
        {
            var enterprise = await app.OrganisationOf(user);
            var points = await Get(user, $"/api/risk-points?enterpriseId={enterprise}&pageSize=100");
            Assert.Equal(5, points.GetProperty("total").GetInt32());
            var levels = points.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("level").GetString()).ToHashSet();
            Assert.True(levels.SetEquals(["Major", "Significant", "General", "Low"]), string.Join(",", levels));

            var map = await Get(user, $"/api/enterprises/{enterprise}/risk-map");
            Assert.Equal(5, map.GetProperty("placements").GetArrayLength());
            var plan = await app.As(user, s => s.Get.Url($"/api/evidence/{map.GetProperty("evidenceId").GetGuid()}"));
            Assert.Equal("image/png", plan.Context.Response.ContentType);

            var tasks = await Get(user, $"/api/patrol-tasks?enterpriseId={enterprise}");
            Assert.Equal(2, tasks.GetProperty("total").GetInt32());
            var daily = tasks.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("schedule").GetProperty("every").GetString() == "Day").GetProperty("id").GetGuid();

            // The scheduler, started for the seeded tasks at start-up, appends the missed days by itself.
            for (var i = 0; i < 300; i++)
            {
                var view = await Get(user, $"/api/patrol-tasks/{daily}");
                if (view.GetProperty("missedWindows").GetArrayLength() >= 2) break;
                await Task.Delay(100);
            }
            var occurrences = (await Get(user, $"/api/patrol-tasks/{daily}/occurrences")).EnumerateArray().ToList();
            List<string?> statuses = [.. occurrences.Select(o => o.GetProperty("status").GetString())];
            Assert.Contains("Missed", statuses);
            Assert.Contains("Done", statuses);
            var missedInStream = (await Get(user, $"/api/patrol-tasks/{daily}")).GetProperty("missedWindows").GetArrayLength();
            Assert.Equal(statuses.Count(s => s == "Missed"), missedInStream);
        }
    }

    [Fact]
    public async Task completion_rates_are_counted_per_enterprise_town_department_and_district()
    {
        // Wait until the scheduler caught up everywhere (the rate counts closed windows whether or not PatrolMissed is there yet).
        var demo1 = await app.OrganisationOf("ent.demo1");
        var file = await Get("town.nanxiang", $"/api/enterprises/{demo1}/file");
        var slot = file.GetProperty("riskPoints").GetProperty("patrols");
        Assert.True(slot.GetProperty("available").GetBoolean());

        var district = (await Get("district.admin", "/api/stats/patrols?from=" + DateTime.UtcNow.AddDays(-40).ToString("yyyy-MM-dd"))).GetProperty("figures");
        var nanxiang = (await Get("town.nanxiang", "/api/stats/patrols?from=" + DateTime.UtcNow.AddDays(-40).ToString("yyyy-MM-dd"))).GetProperty("figures");
        var anting = (await Get("town.anting", "/api/stats/patrols?from=" + DateTime.UtcNow.AddDays(-40).ToString("yyyy-MM-dd"))).GetProperty("figures");
        var chemicals = (await Get("dept.emergency", "/api/stats/patrols?from=" + DateTime.UtcNow.AddDays(-40).ToString("yyyy-MM-dd"))).GetProperty("figures");
        var own = (await Get("ent.demo1", "/api/stats/patrols?from=" + DateTime.UtcNow.AddDays(-40).ToString("yyyy-MM-dd"))).GetProperty("figures");
        int Tasks(JsonElement f) => f.GetProperty("tasks").GetInt32();
        int Required(JsonElement f) => f.GetProperty("completion").GetProperty("denominator").GetInt32();
        int Done(JsonElement f) => f.GetProperty("completion").GetProperty("numerator").GetInt32();

        Assert.Equal(6, Tasks(district));
        Assert.Equal(4, Tasks(nanxiang));
        Assert.Equal(2, Tasks(anting));
        Assert.Equal(2, Tasks(own));
        Assert.True(Tasks(chemicals) >= 2);
        Assert.Equal(Required(district), Required(nanxiang) + Required(anting));
        Assert.Equal(Done(district), Done(nanxiang) + Done(anting));
        foreach (var f in new[] { district, nanxiang, anting, own })
        {
            var rate = f.GetProperty("completion").GetProperty("value").GetDouble();
            Assert.InRange(rate, 0.5, 0.99);   // some days and weeks were left out
            Assert.True(f.GetProperty("missedWindows").GetInt32() > 0);
            Assert.Equal(f.GetProperty("windows").GetInt32(), f.GetProperty("doneWindows").GetInt32() + f.GetProperty("missedWindows").GetInt32());
        }
        var antingId = await app.OrganisationOf("town.anting");
        await app.As("town.nanxiang", s => { s.Get.Url($"/api/stats/patrols?townId={antingId}"); s.StatusCodeShouldBe(403); });
    }
}
