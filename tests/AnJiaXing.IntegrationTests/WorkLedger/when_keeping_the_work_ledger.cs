using Alba;
using AnJiaXing.IntegrationTests.Emergency;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;
using MiniExcelLibs;

namespace AnJiaXing.IntegrationTests.WorkLedger;

public class when_keeping_the_work_ledger(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateTimeOffset Day = new(2026, 6, 10, 2, 0, 0, TimeSpan.Zero);

    private async Task<Guid> Record(string user, string section, object body, int status = 201)
    {
        var result = await app.As(user, s =>
        {
            s.Post.Json(body).ToUrl($"/api/work-ledger/{section}");
            s.StatusCodeShouldBe(status);
        });
        return status == 201 ? result.Json().GetProperty("id").GetGuid() : Guid.Empty;
    }

    [Fact]
    public async Task a_meeting_is_recorded_read_and_revised_and_a_stale_revision_is_refused()
    {
        var nanxiang = await app.TownNamed("南翔镇");
        var meeting = new
        {
            title = "南翔镇安全生产例会", at = Day, text = "通报本月隐患整改情况", townId = nanxiang, place = "镇政府二楼会议室",
            attendees = new[] { "镇长", "安全办主任" }, decisions = "本周内完成复查"
        };
        var id = await Record("town.nanxiang", "meetings", meeting);
        var read = await app.As("town.nanxiang", s => s.Get.Url($"/api/work-ledger/meetings/{id}"));
        Assert.Equal("\"1\"", read.Context.Response.Headers.ETag.ToString());
        Assert.Equal("镇政府二楼会议室", read.Json().GetProperty("content").GetProperty("place").GetString());

        await app.As("town.nanxiang", s =>
        {
            s.Put.Json(meeting with { decisions = "本周内完成复查并上报" }).ToUrl($"/api/work-ledger/meetings/{id}");
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(200);
        });
        var stale = await app.As("town.nanxiang", s =>
        {
            s.Put.Json(meeting).ToUrl($"/api/work-ledger/meetings/{id}");
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(409);
        });
        Assert.Equal(2, stale.ShouldBeProblem(409).GetProperty("currentVersion").GetInt64());

        var noPlace = await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { title = "无地点会议", at = Day, text = "内容", townId = nanxiang }).ToUrl("/api/work-ledger/meetings");
            s.StatusCodeShouldBe(400);
        });
        Assert.True(noPlace.ShouldBeProblem(400).GetProperty("errors").TryGetProperty("place", out _));
        await app.Get("town.anting", $"/api/work-ledger/meetings/{id}", 404);
        await app.Get("town.nanxiang", $"/api/work-ledger/special-actions/{id}", 404);
        await app.As("town.anting", s =>
        {
            s.Put.Json(meeting).ToUrl($"/api/work-ledger/meetings/{id}");
            s.StatusCodeShouldBe(404);
        });
        await app.As("auditor", s =>
        {
            s.Put.Json(meeting).ToUrl($"/api/work-ledger/meetings/{id}");
            s.StatusCodeShouldBe(403);
        });
    }

    [Fact]
    public async Task the_ledger_is_time_ordered_searchable_in_chinese_scoped_and_exported()
    {
        var nanxiang = await app.TownNamed("南翔镇");
        var anting = await app.TownNamed("安亭镇");
        var from = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var at = (int day) => from.AddDays(day);
        await Record("town.nanxiang", "supervision-updates", new { title = "南翔镇燃气安全检查", at = at(5), text = "检查餐饮单位燃气管道", townId = nanxiang });
        await Record("district.admin", "special-actions", new
        {
            title = "燃气安全专项整治", at = at(1), text = "全区餐饮场所燃气安全排查", from = "2025-03-01", to = "2025-04-30",
            domains = new[] { "CrowdedPlaces" }
        });
        await Record("town.anting", "meetings", new { title = "安亭镇燃气专题会", at = at(3), text = "部署燃气整治", townId = anting, place = "安亭镇政府", attendees = new[] { "镇安全办" } });
        await Record("town.nanxiang", "supervision-updates", new { title = "南翔镇防汛检查", at = at(4), text = "排查低洼地区", townId = nanxiang });
        await Record("town.nanxiang", "supervision-updates", new { title = "范围外燃气通报", at = at(40), text = "燃气", townId = nanxiang });

        var window = $"from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(at(31).ToString("O"))}";
        string[] Titles(System.Text.Json.JsonElement page) =>
            [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("content").GetProperty("title").GetString()!)];

        var q = Uri.EscapeDataString("燃气");
        Assert.Equal(["燃气安全专项整治", "安亭镇燃气专题会", "南翔镇燃气安全检查"], Titles(await app.Get("district.admin", $"/api/work-ledger?{window}&q={q}")));
        Assert.Equal(["燃气安全专项整治", "南翔镇燃气安全检查"], Titles(await app.Get("town.nanxiang", $"/api/work-ledger?{window}&q={q}")));
        Assert.Equal(["燃气安全专项整治", "南翔镇防汛检查", "南翔镇燃气安全检查"], Titles(await app.Get("town.nanxiang", $"/api/work-ledger?{window}")));
        Assert.Equal(["南翔镇防汛检查", "南翔镇燃气安全检查"], Titles(await app.Get("auditor", $"/api/work-ledger/supervision-updates?{window}")));
        Assert.Equal(4, (await app.Get("dept.emergency", $"/api/work-ledger?{window}")).GetProperty("total").GetInt64());
        await app.Get("ent.demo1", $"/api/work-ledger?{window}", 403);
        await Record("ent.demo1", "supervision-updates", new { title = "企业动态", at = at(2), text = "x" }, 403);
        await Record("town.nanxiang", "supervision-updates", new { title = "越镇动态", at = at(2), text = "x", townId = anting }, 404);

        var export = await app.As("district.admin", s =>
        {
            s.Get.Url($"/api/work-ledger/export?{window}&q={q}");
            s.StatusCodeShouldBe(200);
        });
        Assert.Equal(AnJiaXing.WorkLedger.Export.ExportWorkLedgerEndpoint.XlsxContentType, export.Context.Response.ContentType);
        var bytes = await ReadBytes(export);
        var rows = new MemoryStream(bytes).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["燃气安全专项整治", "安亭镇燃气专题会", "南翔镇燃气安全检查"], rows.Select(r => r["标题"]!.ToString()!).ToArray());
        Assert.Equal(["专项行动", "会议记录", "监管动态"], rows.Select(r => r["类型"]!.ToString()!).ToArray());
        Assert.Equal(["区级", "安亭镇", "南翔镇"], rows.Select(r => r["所属"]!.ToString()!).ToArray());
        Assert.Equal("2025-03-02 08:00", rows[0]["日期"]!.ToString());
        Assert.Equal("2025-03-01 至 2025-04-30", rows[0]["行动期间"]!.ToString());
        Assert.Equal("镇安全办", rows[1]["参会人员"]!.ToString());
    }

    private static async Task<byte[]> ReadBytes(IScenarioResult result)
    {
        using var copy = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task special_action_progress_counts_the_linked_plans_inspections_and_hazards()
    {
        Guid planId;
        List<InspectionRecord> planned;
        await using (var session = app.Store.QuerySession())
        {
            planId = (await session.Query<InspectionRecord>().Where(i => i.PlanId != null).FirstAsync()).PlanId!.Value;
            planned = [.. await session.Query<InspectionRecord>().Where(i => i.PlanId == planId).ToListAsync()];
        }
        var raisedByPlan = planned.SelectMany(i => i.RaisedHazardIds).Distinct().ToList();
        int closedOfPlan;
        await using (var session = app.Store.QuerySession())
            closedOfPlan = await session.Query<HazardView>().CountAsync(h => h.Id.IsOneOf(raisedByPlan.ToArray()) && h.Status == HazardStatus.Closed);

        var demo1 = await app.OrganisationOf("ent.demo1");
        async Task<Guid> Hazard(string description) => (await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { enterpriseId = demo1, level = "General", category = "Fire", description, source = "SelfInspection", evidenceIds = Array.Empty<Guid>() })
                .ToUrl("/api/hazards");
            s.StatusCodeShouldBe(201);
        })).Json().GetProperty("id").GetGuid();
        var open1 = await Hazard("专项行动关联隐患一");
        var open2 = await Hazard("专项行动关联隐患二");
        var closed = await Hazard("专项行动关联隐患三");
        await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { description = "已整改", evidenceIds = Array.Empty<Guid>() }).ToUrl($"/api/hazards/{closed}/rectification");
            s.StatusCodeShouldBe(200);
        });
        await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { passed = true, remarks = "复查合格" }).ToUrl($"/api/hazards/{closed}/recheck");
            s.StatusCodeShouldBe(200);
        });

        var id = await Record("district.admin", "special-actions", new
        {
            title = "冬季危化品专项行动（测试）", at = DateTimeOffset.UtcNow, text = "目标：危化企业全覆盖检查", from = "2026-11-01", to = "2026-12-31",
            planIds = new[] { planId }, hazardIds = new[] { open1, open2, closed }
        });
        var progress = await app.Get("town.nanxiang", $"/api/work-ledger/special-actions/{id}/progress");
        Assert.Equal(1, progress.GetProperty("plans").GetInt32());
        Assert.Equal(planned.Count, progress.GetProperty("inspections").GetInt32());
        Assert.Equal(planned.Count(i => i.Status == InspectionStatus.Submitted), progress.GetProperty("inspectionsSubmitted").GetInt32());
        Assert.Equal(raisedByPlan.Count + 3, progress.GetProperty("hazards").GetInt32());
        Assert.Equal(closedOfPlan + 1, progress.GetProperty("hazardsClosed").GetInt32());
        Assert.True(planned.Count > 0);
    }
}
