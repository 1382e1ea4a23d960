using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using static AnJiaXing.IntegrationTests.RiskControl.RiskControlFixture;

namespace AnJiaXing.IntegrationTests.RiskControl;

/// <summary>Its own fixture, so the counts are exactly the points registered here.</summary>
public class RiskCountsFixture : RiskControlFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var demo1 = await OrganisationOf("ent.demo1");
        var demo3 = await OrganisationOf("ent.demo3");
        var nanxiang = await OrganisationOf("town.nanxiang");
        await Register("ent.demo1", EnterprisePoint(demo1, Ls(5, 5), "重大 罐区"));
        await Register("ent.demo1", EnterprisePoint(demo1, Ls(4, 4), "较大 仓库"));
        await Register("ent.demo1", EnterprisePoint(demo1, Ls(3, 3), "一般 车间"));
        var low = await Register("ent.demo1", EnterprisePoint(demo1, Ls(5, 5), "低 办公楼（再评估）"));
        await As("ent.demo1", s => { s.Post.Json(new { assessment = Ls(1, 1), reason = "复核" }).ToUrl($"/api/risk-points/{low}/assessments"); s.StatusCodeShouldBe(200); });
        await Register("ent.demo3", EnterprisePoint(demo3, Ls(2, 2), "低 工地围挡"));
        await Register("town.nanxiang", PublicPoint(nanxiang, Lec(1, 10, 7), null, "一般 公共 老街"));
    }
}

public class when_counting_risk_points(RiskCountsFixture app) : IClassFixture<RiskCountsFixture>
{
    private async Task<JsonElement> Panel(string username, string query = "") =>
        (await app.As(username, s => s.Get.Url($"/api/stats/risk-points{query}"))).Json().GetProperty("figures");

    private static void AssertCounts(JsonElement f, int total, int major, int significant, int general, int low, int @public)
    {
        Assert.True(f.GetProperty("available").GetBoolean());
        Assert.Equal(total, f.GetProperty("total").GetInt32());
        var by = f.GetProperty("byLevel");
        Assert.Equal([major, significant, general, low],
            new[] { "Major", "Significant", "General", "Low" }.Select(l => by.GetProperty(l).GetInt32()));
        var colours = f.GetProperty("byColour");
        Assert.Equal([major, significant, general, low], new[] { "Red", "Orange", "Yellow", "Blue" }.Select(c => colours.GetProperty(c).GetInt32()));
        Assert.Equal(@public, f.GetProperty("public").GetInt32());
    }

    [Fact]
    public async Task each_scope_counts_its_points_by_current_level()
    {
        AssertCounts(await Panel("district.admin"), 6, 1, 1, 2, 2, 1);
        AssertCounts(await Panel("auditor"), 6, 1, 1, 2, 2, 1);
        AssertCounts(await Panel("town.nanxiang"), 5, 1, 1, 2, 1, 1);
        AssertCounts(await Panel("inspector.nanxiang"), 5, 1, 1, 2, 1, 1);
        AssertCounts(await Panel("town.anting"), 1, 0, 0, 0, 1, 0);
        AssertCounts(await Panel("ent.demo1"), 4, 1, 1, 1, 1, 0);
        AssertCounts(await Panel("ent.demo2"), 0, 0, 0, 0, 0, 0);
        AssertCounts(await Panel("dept.emergency"), 4, 1, 1, 1, 1, 0);      // hazardous chemicals; the public point is Other
        AssertCounts(await Panel("dept.construction"), 1, 0, 0, 0, 1, 0);
        var anting = await app.OrganisationOf("town.anting");
        AssertCounts(await Panel("district.admin", $"?townId={anting}"), 1, 0, 0, 0, 1, 0);
        await app.As("town.nanxiang", s => { s.Get.Url($"/api/stats/risk-points?townId={anting}"); s.StatusCodeShouldBe(403); });
    }

    [Fact]
    public async Task the_enterprise_file_shows_the_same_counts_by_colour()
    {
        var demo1 = await app.OrganisationOf("ent.demo1");
        foreach (var user in new[] { "ent.demo1", "town.nanxiang", "district.admin" })
        {
            var slot = (await app.As(user, s => s.Get.Url($"/api/enterprises/{demo1}/file"))).Json().GetProperty("riskPoints");
            Assert.True(slot.GetProperty("available").GetBoolean());
            Assert.Equal(4, slot.GetProperty("total").GetInt32());
            var by = slot.GetProperty("byLevel");
            Assert.Equal([1, 1, 1, 1], new[] { "Red", "Orange", "Yellow", "Blue" }.Select(c => by.GetProperty(c).GetInt32()));
        }
        await app.As("ent.demo2", s => { s.Get.Url($"/api/enterprises/{demo1}/file"); s.StatusCodeShouldBe(404); });
    }
}
