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
    public async Task a_record_takes_attachments_on_create_and_update_and_unknown_ones_append_nothing()
    {
        var nanxiang = await app.TownNamed("南翔镇");
        var minutes = await app.UploadEvidence("town.nanxiang");
        var signed = await app.UploadEvidence("town.nanxiang");
        var meeting = new
        {
            title = "南翔镇消防安全专题会", at = Day, text = "部署冬季消防检查", townId = nanxiang, place = "镇政府会议室",
            attendees = new[] { "镇安全办" }, attachmentIds = new[] { minutes }
        };
        await app.ShouldRefuse("town.nanxiang", s => s.Post.Json(meeting with { attachmentIds = new[] { minutes, Guid.NewGuid() } })
            .ToUrl("/api/work-ledger/meetings"), "attachmentIds");
        var id = await Record("town.nanxiang", "meetings", meeting);
        Guid[] Attachments(System.Text.Json.JsonElement entry) =>
            [.. entry.GetProperty("content").GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("id").GetGuid())];
        Assert.Equal([minutes], Attachments(await app.Get("auditor", $"/api/work-ledger/meetings/{id}")));

        await app.ShouldRefuse("town.nanxiang", s =>
        {
            s.Put.Json(meeting with { attachmentIds = new[] { Guid.NewGuid() } }).ToUrl($"/api/work-ledger/meetings/{id}");
            s.WithRequestHeader("If-Match", "\"1\"");
        }, "attachmentIds");
        await app.As("town.nanxiang", s =>
        {
            s.Put.Json(meeting with { attachmentIds = new[] { minutes, signed } }).ToUrl($"/api/work-ledger/meetings/{id}");
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(200);
        });
        var revised = await app.Get("town.nanxiang", $"/api/work-ledger/meetings/{id}");
        Assert.Equal(2, revised.GetProperty("version").GetInt64());
        Assert.Equal([minutes, signed], Attachments(revised));
        await app.As("district.admin", s => s.Get.Url($"/api/evidence/{signed}"));
        await app.As("town.anting", s =>
        {
            s.Get.Url($"/api/evidence/{signed}");
            s.StatusCodeShouldBe(404);
        });
    }

    private async Task<Guid> Post(string user, string url, object body) =>
        (await app.As(user, s =>
        {
            s.Post.Json(body).ToUrl(url);
            s.StatusCodeShouldBe(201);
        })).Json().GetProperty("id").GetGuid();

    private async Task Send(string user, string url, object body) =>
        await app.As(user, s =>
        {
            s.Post.Json(body).ToUrl(url);
            s.StatusCodeShouldBe(200);
        });

    /// <summary>
    /// Hand-counted links. Inspections: A and B linked by hand and submitted, C started under the linked plan and still a
    /// draft — and D, linked by hand and submitted, in 安亭镇 (another town, another domain): 3 inside, 2 submitted.
    /// Hazards at 南翔镇's chemicals enterprise: four found within the period, one of them closed — and three linked that
    /// lie outside: found before the period, of another domain (翔峰金属, industry and trade), of another town (安亭).
    /// </summary>
    [Fact]
    public async Task special_action_progress_counts_only_the_links_within_its_period_towns_and_domains()
    {
        var nanxiang = await app.TownNamed("南翔镇");
        var demo1 = await app.OrganisationOf("ent.demo1");
        var demo2 = await app.OrganisationOf("ent.demo2");
        var demo3 = await app.OrganisationOf("ent.demo3");
        var chemicals = StableId.For("checklist:industry.hazardous-chemicals");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Guid supervisor;
        await using (var session = app.Store.QuerySession())
            supervisor = (await session.Query<UserAccount>().SingleAsync(a => a.Username == "town.nanxiang")).Id;

        var plan = await Post("district.admin", "/api/inspection-plans", new
        {
            name = "专项行动测试计划", type = "SpecialAction", periodStart = today.AddDays(-1), periodEnd = today.AddDays(20), checklistId = chemicals,
            enterpriseIds = new[] { demo1 }, inspectorIds = new[] { supervisor }
        });
        async Task<Guid> Inspect(string user, Guid enterprise, bool submit)
        {
            var id = await Post(user, "/api/inspections", new { kind = "Routine", enterpriseId = enterprise, checklistId = chemicals });
            await Send(user, $"/api/inspections/{id}/items", new { items = new[] { new { itemCode = "HC-01", result = "Compliant", evidenceIds = Array.Empty<Guid>() } } });
            if (submit) await Send(user, $"/api/inspections/{id}/submit", new { });
            return id;
        }
        var a = await Inspect("town.nanxiang", demo1, submit: true);
        var b = await Inspect("town.nanxiang", demo1, submit: true);
        var d = await Inspect("town.anting", demo3, submit: true);
        await Post("town.nanxiang", "/api/inspections", new { kind = "SpecialAction", planId = plan, enterpriseId = demo1 });   // C, a draft

        async Task<Guid> Hazard(string user, Guid enterprise, string description, DateTimeOffset? foundAt = null) =>
            await Post(user, "/api/hazards", new
            {
                enterpriseId = enterprise, level = "General", category = "Fire", description, source = "SelfInspection",
                evidenceIds = Array.Empty<Guid>(), foundAt
            });
        var inside = new[]
        {
            await Hazard("ent.demo1", demo1, "专项行动隐患一"), await Hazard("ent.demo1", demo1, "专项行动隐患二"),
            await Hazard("ent.demo1", demo1, "专项行动隐患三"), await Hazard("ent.demo1", demo1, "专项行动隐患四")
        };
        await Send("ent.demo1", $"/api/hazards/{inside[3]}/rectification", new { description = "已整改", evidenceIds = Array.Empty<Guid>() });
        await Send("town.nanxiang", $"/api/hazards/{inside[3]}/recheck", new { passed = true, remarks = "复查合格" });
        var outside = new[]
        {
            await Hazard("ent.demo1", demo1, "行动开始前发现的隐患", DateTimeOffset.UtcNow.AddDays(-60)),
            await Hazard("ent.demo2", demo2, "其他行业的隐患"),
            await Hazard("ent.demo3", demo3, "其他街镇的隐患")
        };

        var id = await Record("district.admin", "special-actions", new
        {
            title = "南翔镇危化品专项行动（测试）", at = DateTimeOffset.UtcNow, text = "目标：危化企业全覆盖检查", from = today.AddDays(-30), to = today.AddDays(30),
            townIds = new[] { nanxiang }, domains = new[] { "HazardousChemicals" }, planIds = new[] { plan }, inspectionIds = new[] { a, b, d },
            hazardIds = inside.Concat(outside).ToArray()
        });
        var progress = await app.Get("town.nanxiang", $"/api/work-ledger/special-actions/{id}/progress");
        Assert.Equal(1, progress.GetProperty("plans").GetInt32());
        Assert.Equal(3, progress.GetProperty("inspections").GetInt32());
        Assert.Equal(2, progress.GetProperty("inspectionsSubmitted").GetInt32());
        Assert.Equal(0.6667, progress.GetProperty("inspectionCompletionRate").GetDouble());
        Assert.Equal(1, progress.GetProperty("inspectionsOutside").GetInt32());
        Assert.Equal(4, progress.GetProperty("hazards").GetInt32());
        Assert.Equal(1, progress.GetProperty("hazardsClosed").GetInt32());
        Assert.Equal(0.25, progress.GetProperty("hazardClosureRate").GetDouble());
        Assert.Equal(3, progress.GetProperty("hazardsOutside").GetInt32());

        // Closing one more linked hazard moves the figure: progress is counted when asked, from the hazards' own events.
        await Send("ent.demo1", $"/api/hazards/{inside[0]}/rectification", new { description = "已整改", evidenceIds = Array.Empty<Guid>() });
        await Send("town.nanxiang", $"/api/hazards/{inside[0]}/recheck", new { passed = true, remarks = "复查合格" });
        Assert.Equal(2, (await app.Get("district.admin", $"/api/work-ledger/special-actions/{id}/progress")).GetProperty("hazardsClosed").GetInt32());
        await app.Get("town.anting", $"/api/work-ledger/special-actions/{id}/progress");
        await app.Get("ent.demo1", $"/api/work-ledger/special-actions/{id}/progress", 403);
    }
}
