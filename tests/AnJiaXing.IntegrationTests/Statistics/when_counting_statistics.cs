using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace AnJiaXing.IntegrationTests.Statistics;

public class when_counting_statistics(StatisticsFixture app) : IClassFixture<StatisticsFixture>
{
    private async Task<JsonElement> Figures(string username, string panel, string query = "")
    {
        var result = await app.As(username, s => s.Get.Url($"/api/stats/{panel}?{app.Period}{query}"));
        return result.Json().GetProperty("figures");
    }

    private static (int n, int d) RateOf(JsonElement e) => (e.GetProperty("numerator").GetInt32(), e.GetProperty("denominator").GetInt32());

    [Fact]
    public async Task the_district_counts_hazards_by_level_status_and_source()
    {
        var h = await Figures("district.admin", "hazards");
        Assert.Equal(7, h.GetProperty("total").GetInt32());
        Assert.Equal(4, h.GetProperty("open").GetInt32());
        Assert.Equal(1, h.GetProperty("overdue").GetInt32());
        Assert.Equal(5, h.GetProperty("byLevel").GetProperty("General").GetInt32());
        Assert.Equal(2, h.GetProperty("byLevel").GetProperty("Major").GetInt32());
        Assert.Equal(1, h.GetProperty("openByLevel").GetProperty("Major").GetInt32());
        var status = h.GetProperty("byStatus");
        Assert.Equal(1, status.GetProperty("Closed").GetInt32());
        Assert.Equal(2, status.GetProperty("Reported").GetInt32());
        Assert.Equal(2, status.GetProperty("Rectifying").GetInt32());
        Assert.Equal(1, status.GetProperty("Withdrawn").GetInt32());
        Assert.Equal(1, status.GetProperty("Dismissed").GetInt32());
        Assert.Equal(0, status.GetProperty("PendingConfirmation").GetInt32());

        var sources = (await Figures("district.admin", "sources")).GetProperty("bySource");
        Assert.Equal(4, sources.GetProperty("SelfInspection").GetInt32());
        Assert.Equal(2, sources.GetProperty("ThirdPartyInspection").GetInt32());
        Assert.Equal(1, sources.GetProperty("SupervisionInspection").GetInt32());
    }

    [Fact]
    public async Task the_assessment_figures_follow_their_definitions()
    {
        var a = await Figures("district.admin", "assessment");
        Assert.Equal((4, 7), RateOf(a.GetProperty("informationAccuracy")));   // H4 downgraded, H6 withdrawn, H7 dismissed
        Assert.Equal((1, 5), RateOf(a.GetProperty("closureRate")));           // valid: H1–H5
        Assert.Equal((1, 5), RateOf(a.GetProperty("onTimeClosureRate")));
        Assert.Equal((1, 5), RateOf(a.GetProperty("rectificationRate")));
        // Acting accounts: ent.a1, ent.a2, ent.b1, town.nanxiang, inspector.nanxiang, town.anting, dept.emergency, district.admin.
        var activity = RateOf(a.GetProperty("userActivity"));
        Assert.Equal(8, activity.n);
        var users = await Figures("district.admin", "users");
        Assert.Equal(users.GetProperty("enabled").GetInt32(), activity.d);
        Assert.Equal(10, activity.d); // the 7 demo accounts and the fixture's 3 enterprise users
        Assert.Equal(3, users.GetProperty("byRole").GetProperty("EnterpriseUser").GetInt32());
    }

    [Fact]
    public async Task a_town_sees_its_town_and_may_not_pick_another()
    {
        var anting = await Figures("town.anting", "hazards");
        Assert.Equal(2, anting.GetProperty("total").GetInt32());
        Assert.Equal(0, anting.GetProperty("open").GetInt32());
        var nanxiang = await Figures("town.nanxiang", "assessment");
        Assert.Equal((1, 5), RateOf(nanxiang.GetProperty("closureRate")));
        Assert.Equal((4, 5), RateOf(nanxiang.GetProperty("informationAccuracy")));

        var antingId = (await app.As("town.anting", s => s.Get.Url("/api/me"))).Json().GetProperty("organisationId").GetGuid();
        foreach (var panel in new[] { "overview", "users", "hazards", "sources", "trend", "inspections", "risk-points", "assessment", "export" })
        {
            var refused = await app.As("town.nanxiang", s => { s.Get.Url($"/api/stats/{panel}?townId={antingId}"); s.StatusCodeShouldBe(403); });
            refused.ShouldBeProblem(403);
        }
        var picked = await app.As("district.admin", s => s.Get.Url($"/api/stats/hazards?townId={antingId}&{app.Period}"));
        Assert.Equal(2, picked.Json().GetProperty("figures").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task a_department_sees_its_domains_and_an_enterprise_itself()
    {
        var emergency = await Figures("dept.emergency", "hazards");
        Assert.Equal(5, emergency.GetProperty("total").GetInt32());
        Assert.Equal(1, emergency.GetProperty("overdue").GetInt32());
        var construction = await Figures("dept.construction", "hazards");
        Assert.Equal(2, construction.GetProperty("total").GetInt32());
        var enterprise = await app.As("ent.b1", s => s.Get.Url($"/api/stats/overview?{app.Period}"));
        Assert.Equal(2, enterprise.Json().GetProperty("figures").GetProperty("hazards").GetInt32());
        Assert.Equal("Enterprise", enterprise.Json().GetProperty("scope").GetProperty("kind").GetString());
        await app.As("dept.emergency", s => { s.Get.Url($"/api/stats/hazards?townId={Guid.NewGuid()}"); s.StatusCodeShouldBe(403); });
    }

    [Fact]
    public async Task the_trend_and_the_risk_panel_come_from_the_read_models()
    {
        var trend = await Figures("district.admin", "trend");
        var today = trend.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("period").GetString() == StatisticsCalendar.Key(app.Today));
        Assert.Equal(7, today.GetProperty("reported").GetInt32());
        Assert.Equal(1, today.GetProperty("rectified").GetInt32());
        Assert.Equal(1, today.GetProperty("closed").GetInt32());
        Assert.Equal(2, trend.GetProperty("points").GetArrayLength()); // yesterday and today: tomorrow has not begun
        // No risk points in this fixture: the panel counts (zero) rather than saying the module is missing.
        var risk = await Figures("district.admin", "risk-points");
        Assert.True(risk.GetProperty("available").GetBoolean());
        Assert.Equal(0, risk.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task the_trend_covers_twelve_months_by_default_and_no_day_to_come()
    {
        var byDefault = (await app.As("district.admin", s => s.Get.Url("/api/stats/trend"))).Json().GetProperty("figures");
        Assert.Equal("month", byDefault.GetProperty("granularity").GetString());
        var months = byDefault.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(12, months.Count);
        Assert.Equal(StatisticsCalendar.MonthKey(app.Today), months[^1].GetProperty("period").GetString());
        Assert.Equal(StatisticsCalendar.MonthKey(app.Today.AddMonths(-11)), months[0].GetProperty("period").GetString());
        Assert.Equal(7, months.Sum(m => m.GetProperty("reported").GetInt32()));

        // This month by day stops at today: the days to come are not plotted as zeros.
        var month = StatisticsCalendar.MonthKey(app.Today);
        var days = (await app.As("district.admin", s => s.Get.Url($"/api/stats/trend?month={month}"))).Json()
            .GetProperty("figures").GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(app.Today.Day, days.Count);
        Assert.Equal(StatisticsCalendar.Key(app.Today), days[^1].GetProperty("period").GetString());
    }

    private static void AssertInspections(JsonElement i, int total, (string kind, int n)[] byKind, int plans, int planned, int completed, string month)
    {
        Assert.Equal(total, i.GetProperty("total").GetInt32());
        var kinds = i.GetProperty("byKind").EnumerateObject().ToDictionary(k => k.Name, k => k.Value.GetInt32());
        Assert.Equal(byKind.ToDictionary(k => k.kind, k => k.n), kinds);
        var thisMonth = i.GetProperty("byMonth").EnumerateArray().Single(m => m.GetProperty("month").GetString() == month);
        Assert.Equal(total, thisMonth.GetProperty("inspections").GetInt32());
        Assert.Equal(0, thisMonth.GetProperty("hazardsRaised").GetInt32());
        Assert.Equal(plans, i.GetProperty("plans").GetInt32());
        Assert.Equal(planned, i.GetProperty("plannedInspections").GetInt32());
        Assert.Equal(completed, i.GetProperty("completedInspections").GetInt32());
        Assert.Equal((completed, planned), RateOf(i.GetProperty("planCompletion")));
    }

    [Fact]
    public async Task submitted_inspections_count_by_submit_month_kind_and_scope()
    {
        var month = StatisticsCalendar.MonthKey(app.Today);
        // I1–I3 submitted today; I4 is a draft. The plan covers 南翔化工 (done by I1) and 安亭建工 (not yet).
        AssertInspections(await Figures("district.admin", "inspections"), 3,
            [("SpecialAction", 1), ("Routine", 1), ("Temporary", 1)], 1, 2, 1, month);
        AssertInspections(await Figures("town.nanxiang", "inspections"), 2, [("SpecialAction", 1), ("Routine", 1)], 1, 1, 1, month);
        // The temporary check counts in the inspector's town.
        AssertInspections(await Figures("town.anting", "inspections"), 1, [("Temporary", 1)], 1, 1, 0, month);
        AssertInspections(await Figures("ent.a1", "inspections"), 2, [("SpecialAction", 1), ("Routine", 1)], 1, 1, 1, month);
        AssertInspections(await Figures("ent.b1", "inspections"), 0, [], 1, 1, 0, month);
        // Departments see their domains' inspections; plans name enterprises, not domains, so they count in towns only.
        AssertInspections(await Figures("dept.emergency", "inspections"), 2, [("SpecialAction", 1), ("Routine", 1)], 0, 0, 0, month);
        AssertInspections(await Figures("dept.construction", "inspections"), 0, [], 0, 0, 0, month);
    }

    [Fact]
    public async Task bad_periods_are_refused_with_problem_details()
    {
        var bad = await app.As("district.admin", s => { s.Get.Url("/api/stats/hazards?from=2026-13-01"); s.StatusCodeShouldBe(400); });
        bad.ShouldBeProblem(400);
        await app.As("district.admin", s => { s.Get.Url("/api/stats/trend?from=2026-11-02&to=2026-11-01"); s.StatusCodeShouldBe(400); });
        await app.As("district.admin", s => { s.Get.Url("/api/stats/trend?granularity=week"); s.StatusCodeShouldBe(400); });
        await app.Host.Scenario(s => { s.Get.Url("/api/stats/overview"); s.StatusCodeShouldBe(401); });
    }

    [Fact]
    public async Task the_export_is_an_xlsx_workbook_with_the_tables()
    {
        var result = await app.As("district.admin", s =>
        {
            s.Get.Url($"/api/stats/export?{app.Period}");
            s.ContentTypeShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        });
        using var stream = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(stream);
        stream.Position = 0;
        var sheets = MiniExcelLibs.MiniExcel.GetSheetNames(stream);
        Assert.Contains("考核指标", sheets);
        Assert.Contains("隐患状态", sheets);
        stream.Position = 0;
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "监管概况").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(7.0, Convert.ToDouble(rows.Single(r => (string)r["指标"] == "隐患总数")["数值"]));
    }

    [Fact]
    public async Task a_rebuild_gives_the_same_numbers_as_the_live_daemon()
    {
        await using var before = app.Store.QuerySession();
        var live = (await before.Query<ScopeStatistics>().ToListAsync()).OrderBy(s => s.Id).ToList();
        var liveActivity = (await before.Query<AccountActiveDay>().ToListAsync()).Select(d => d.Id).Order().ToList();
        Assert.True(live.Count >= 7); // district, 2 towns, 2 domains, 2 enterprises
        Assert.Equal(3, live.Single(s => s.Id == StatisticsScopes.District).Inspections.ByMonth.Values.Sum());
        Assert.Equal(1, live.Single(s => s.Id == StatisticsScopes.District).Inspections.CompletedInspections);

        using var daemon = await app.Store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync(ScopeStatisticsProjection.ProjectionTitle, TimeSpan.FromMinutes(2), CancellationToken.None);
        await daemon.RebuildProjectionAsync(AccountActivityProjection.Name, TimeSpan.FromMinutes(2), CancellationToken.None);

        await using var after = app.Store.QuerySession();
        var rebuilt = (await after.Query<ScopeStatistics>().ToListAsync()).OrderBy(s => s.Id).ToList();
        var rebuiltActivity = (await after.Query<AccountActiveDay>().ToListAsync()).Select(d => d.Id).Order().ToList();
        Assert.Equal(JsonSerializer.Serialize(live), JsonSerializer.Serialize(rebuilt));
        Assert.Equal(liveActivity, rebuiltActivity);
    }
}
