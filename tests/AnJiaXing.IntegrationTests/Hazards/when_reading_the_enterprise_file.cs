using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;
using Marten.Events;

namespace AnJiaXing.IntegrationTests.Hazards;

public class when_reading_the_enterprise_file(HazardFixture app) : IClassFixture<HazardFixture>
{
    [Fact]
    public async Task hazard_counts_trend_rate_and_score_follow_the_enterprise_s_hazards()
    {
        var closed = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        await app.Act("ent.a1", closed, "rectification", new { description = "当场整改" });
        await app.Act("town.nanxiang", closed, "recheck", new { passed = true });
        var major = await app.Report("inspector.nanxiang", HazardSteps.MajorReport(app.NanxiangChemicals));
        await app.Act("dept.emergency", major, "confirm", null);
        var withdrawn = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals, description: "误录"));
        await app.Act("ent.a1", withdrawn, "withdraw", new { reason = "误录" });

        await app.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var file = (await app.As("town.nanxiang", s => s.Get.Url($"/api/enterprises/{app.NanxiangChemicals}/file"))).Json();

        Assert.Equal("南翔化工有限公司", file.GetProperty("basic").GetProperty("name").GetString());
        var hazards = file.GetProperty("hazards");
        Assert.Equal(3, hazards.GetProperty("total").GetInt32());
        Assert.Equal(1, hazards.GetProperty("byStatus").GetProperty("Closed").GetInt32());
        Assert.Equal(1, hazards.GetProperty("byStatus").GetProperty("Confirmed").GetInt32());
        Assert.Equal(1, hazards.GetProperty("byStatus").GetProperty("Withdrawn").GetInt32());
        Assert.Equal(1, hazards.GetProperty("byLevel").GetProperty("Major").GetInt32());
        Assert.Equal(2, hazards.GetProperty("bySource").GetProperty("SelfInspection").GetInt32());
        Assert.Equal(1, hazards.GetProperty("open").GetInt32());
        Assert.Equal(0.5, hazards.GetProperty("rectificationRate").GetDouble()); // 1 closed of 2 real (withdrawn excluded)
        var trend = hazards.GetProperty("trend").EnumerateArray().ToList();
        Assert.Equal(12, trend.Count);
        Assert.Equal(3, trend[^1].GetProperty("reported").GetInt32());
        Assert.Equal(1, trend[^1].GetProperty("closed").GetInt32());

        var score = file.GetProperty("compositeScore");
        // 100 − 10 (one open major) + 5 (self-reported within 90 days)
        Assert.Equal(95, score.GetProperty("score").GetInt32());
        Assert.Equal(score.GetProperty("score").GetInt32(), 100 + score.GetProperty("breakdown").EnumerateArray().Sum(i => i.GetProperty("points").GetInt32()));
        // Risk control counts the enterprise's risk points; this fixture registers none.
        Assert.True(file.GetProperty("riskPoints").GetProperty("available").GetBoolean());
        Assert.Equal(0, file.GetProperty("riskPoints").GetProperty("total").GetInt32());

        await app.As("town.anting", s => { s.Get.Url($"/api/enterprises/{app.NanxiangChemicals}/file"); s.StatusCodeShouldBe(404); });
        await app.As("ent.b1", s => { s.Get.Url($"/api/enterprises/{app.NanxiangChemicals}/file"); s.StatusCodeShouldBe(404); });
    }
}
