using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;

namespace AnJiaXing.IntegrationTests.Statistics;

/// <summary>Periods are honoured exactly, and a past month's export is that month as it stood at its end (issue 13, item 8).</summary>
public class when_the_figures_cover_a_past_period(StatisticsHistoryFixture app) : IClassFixture<StatisticsHistoryFixture>
{
    private async Task<JsonElement> Figures(string panel, string query) =>
        (await app.As("district.admin", s => s.Get.Url($"/api/stats/{panel}?{query}"))).Json().GetProperty("figures");

    private async Task<Dictionary<string, List<IDictionary<string, object>>>> Export(string month)
    {
        var result = await app.As("district.admin", s => s.Get.Url($"/api/stats/export?month={month}"));
        using var stream = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(stream);
        var sheets = new Dictionary<string, List<IDictionary<string, object>>>();
        foreach (var sheet in new[] { "监管概况", "考核指标", "隐患状态", "检查统计" })
        {
            stream.Position = 0;
            sheets[sheet] = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object>>().ToList();
        }
        return sheets;
    }

    private static object Value(List<IDictionary<string, object>> rows, string name) => rows.Single(r => (string)r["指标"] == name)["数值"];

    private static int Count(List<IDictionary<string, object>> rows, string name) => Convert.ToInt32(Value(rows, name));

    [Theory]
    [InlineData("2026-10", 1, "Routine:1", 0)]
    [InlineData("2026-11", 2, "Routine:1,SpecialAction:1", 1)]
    [InlineData("2026-12", 1, "Holiday:1", 0)]
    public async Task inspections_count_in_the_period_only(string month, int total, string byKind, int raised)
    {
        var i = await Figures("inspections", $"month={month}");
        Assert.Equal(total, i.GetProperty("total").GetInt32());
        Assert.Equal(byKind, string.Join(',', i.GetProperty("byKind").EnumerateObject().Select(k => $"{k.Name}:{k.Value.GetInt32()}")));
        var bar = i.GetProperty("byMonth").EnumerateArray().Single();
        Assert.Equal((month, total, raised), (bar.GetProperty("month").GetString(), bar.GetProperty("inspections").GetInt32(), bar.GetProperty("hazardsRaised").GetInt32()));

        // Days count exactly: 11-03 to 11-04 holds I2 and I3, 11-04 alone I3.
        Assert.Equal(2, (await Figures("inspections", "from=2026-11-03&to=2026-11-04")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await Figures("inspections", "from=2026-11-04&to=2026-11-30")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task the_november_export_is_november_as_it_stood_at_its_end()
    {
        var x = await Export("2026-11");
        var overview = x["监管概况"];
        Assert.Equal("截至 2026-11-30 24:00（北京时间）", Value(overview, "数据状态"));
        Assert.Equal(4, Count(overview, "隐患总数"));        // HA–HD; HE was reported on 12-01
        Assert.Equal(3, Count(overview, "未销案隐患"));      // HB, HC, HD (HD was withdrawn only on 12-01)
        Assert.Equal(1, Count(overview, "未销案重大隐患"));  // HB
        Assert.Equal(0, Count(overview, "逾期隐患"));        // HA, late, was closed on 11-05
        Assert.Equal(2, Count(overview, "本期上报"));        // HC, HD
        Assert.Equal(1, Count(overview, "本期销案"));        // HA
        Assert.Equal("25.0%", Value(overview, "累计销案率")); // 1 of HA–HD
        var closure = overview.Single(r => (string)r["指标"] == "累计销案率");
        Assert.Equal((1, 4), (Convert.ToInt32(closure["分子"]), Convert.ToInt32(closure["分母"])));

        var assessment = x["考核指标"];
        Assert.Equal("100.0%", Value(assessment, "信息准确率")); // HC, HD: neither withdrawn by 11-30
        Assert.Equal("0.0%", Value(assessment, "隐患销案率"));
        Assert.Equal("0.0%", Value(assessment, "整改率"));

        var status = x["隐患状态"].ToDictionary(r => (string)r["状态"], r => ((int)Convert.ToInt32(r["数量"]), (string)r["占比"]));
        Assert.Equal((1, "25.0%"), status["已销案"]);
        Assert.Equal((1, "25.0%"), status["待确认"]);
        Assert.Equal((2, "50.0%"), status["已上报"]);
        Assert.Equal((0, "0.0%"), status["已撤回"]);

        Assert.Equal(2, Convert.ToInt32(x["检查统计"].Single(r => (string)r["月份"] == "2026-11")["检查次数"]));

        // The live figures have moved on since: HD was withdrawn on 12-01, so November's cohort is less accurate now.
        var live = await Figures("assessment", "month=2026-11");
        Assert.Equal(1, live.GetProperty("informationAccuracy").GetProperty("numerator").GetInt32());
        Assert.Equal(2, live.GetProperty("informationAccuracy").GetProperty("denominator").GetInt32());
    }

    [Fact]
    public async Task the_october_export_is_october_as_it_stood_at_its_end()
    {
        var x = await Export("2026-10");
        var overview = x["监管概况"];
        Assert.Equal(2, Count(overview, "隐患总数"));        // HA, HB (HB at 23:30 district time on 10-31)
        Assert.Equal(2, Count(overview, "未销案隐患"));
        Assert.Equal(1, Count(overview, "逾期隐患"));        // HA: deadline 10-20, still rectifying on 10-31
        Assert.Equal(0, Count(overview, "本期销案"));
        Assert.Equal("0.0%", Value(overview, "累计销案率"));
        Assert.Equal("0.0%", Value(overview, "累计整改率")); // HA was rectified on 11-02

        var assessment = x["考核指标"];
        Assert.Equal("0.0%", Value(assessment, "隐患销案率"));
        // Now, October's cohort has one of two closed.
        var live = await Figures("assessment", "month=2026-10");
        Assert.Equal(1, live.GetProperty("closureRate").GetProperty("numerator").GetInt32());
    }
}
