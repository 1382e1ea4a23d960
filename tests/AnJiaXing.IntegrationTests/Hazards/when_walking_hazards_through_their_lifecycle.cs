using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;

namespace AnJiaXing.IntegrationTests.Hazards;

public class when_walking_hazards_through_their_lifecycle(HazardFixture app) : IClassFixture<HazardFixture>
{
    [Fact]
    public async Task a_general_hazard_goes_from_report_to_closure_by_the_town()
    {
        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        Assert.Equal("Reported", await app.Status(id));

        var assigned = await app.Act("town.nanxiang", id, "assign", app.Assignment("ent.a2"));
        Assert.Equal("Rectifying", assigned.GetProperty("status").GetString());
        Assert.Equal(2, assigned.GetProperty("version").GetInt64());

        await app.Act("ent.a2", id, "rectification", new { description = "已更换配电箱门并整理线路", evidenceIds = Array.Empty<Guid>() });
        Assert.Equal("AwaitingRecheck", await app.Status(id));

        var closed = await app.Act("inspector.nanxiang", id, "recheck", new { passed = true, remarks = "整改到位" });
        Assert.Equal("Closed", closed.GetProperty("status").GetString());

        var view = await app.Get("ent.a1", id);
        Assert.Equal("Closed", view.GetProperty("status").GetString());
        Assert.Equal("第三方检查员 刘洋", view.GetProperty("closedBy").GetProperty("name").GetString());

        var history = (await app.As("town.nanxiang", s => s.Get.Url($"/api/hazards/{id}/history"))).Json().EnumerateArray().ToList();
        Assert.Equal(["hazard_reported", "rectification_assigned", "rectification_submitted", "recheck_passed", "hazard_closed"],
            history.Select(h => h.GetProperty("type").GetString()));
        Assert.Equal(["企业用户 ent.a1", "南翔镇安监 张明", "企业用户 ent.a2", "第三方检查员 刘洋", "第三方检查员 刘洋"],
            history.Select(h => h.GetProperty("actor").GetProperty("name").GetString()));
        Assert.All(history, h => Assert.False(string.IsNullOrEmpty(h.GetProperty("actor").GetProperty("role").GetString())));
        Assert.Equal([1L, 2, 3, 4, 5], history.Select(h => h.GetProperty("version").GetInt64()));
        Assert.Equal([0L, 1, 2, 3, 3], history.Select(h => h.GetProperty("decidedAgainstVersion").GetInt64()));
        Assert.All(history, h => Assert.False(string.IsNullOrEmpty(h.GetProperty("correlationId").GetString())));
    }

    [Fact]
    public async Task a_major_hazard_goes_through_confirmation_failed_and_passed_rechecks_and_a_rejected_then_approved_closure()
    {
        var id = await app.Report("inspector.nanxiang", HazardSteps.MajorReport(app.NanxiangChemicals));
        Assert.Equal("PendingConfirmation", await app.Status(id));

        await app.Act("dept.emergency", id, "confirm", new { remarks = "经核实属重大隐患" });
        Assert.Equal("Confirmed", await app.Status(id));

        await app.Act("ent.a1", id, "assign", app.Assignment("ent.a2", major: true));
        await app.Act("ent.a2", id, "rectification", new { description = "已转移超量物料" });
        var failed = await app.Act("dept.emergency", id, "recheck", new { passed = false, remarks = "报警装置未安装" });
        Assert.Equal("Rectifying", failed.GetProperty("status").GetString());

        await app.Act("ent.a2", id, "rectification", new { description = "已加装可燃气体报警装置并联网" });
        var passed = await app.Act("town.nanxiang", id, "recheck", new { passed = true, remarks = "复查合格" });
        Assert.Equal("Rechecked", passed.GetProperty("status").GetString());

        await app.Act("ent.a1", id, "closure-request", new { remarks = "申请销号" });
        Assert.Equal("ClosureRequested", await app.Status(id));
        var rejected = await app.Act("dept.emergency", id, "closure-decision", new { approved = false, remarks = "应急预案未演练" });
        Assert.Equal("Rectifying", rejected.GetProperty("status").GetString());

        await app.Act("ent.a2", id, "rectification", new { description = "已组织应急演练" });
        await app.Act("town.nanxiang", id, "recheck", new { passed = true });
        await app.Act("ent.a1", id, "closure-request", null);
        var approved = await app.Act("dept.emergency", id, "closure-decision", new { approved = true, remarks = "同意销号" });
        Assert.Equal("Closed", approved.GetProperty("status").GetString());

        await using var session = app.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        Assert.Equal("hazard_closed", events[^1].EventTypeName);
        Assert.Equal("closure_approved", events[^2].EventTypeName);
        Assert.Equal(approved.GetProperty("version").GetInt64(), events[^1].Version);
    }

    [Fact]
    public async Task a_reported_major_hazard_can_be_downgraded_and_then_follows_the_general_path()
    {
        var id = await app.Report("inspector.nanxiang", HazardSteps.MajorReport(app.NanxiangChemicals));
        var downgraded = await app.Act("dept.emergency", id, "downgrade", new { reason = "储量未超临界量" });
        Assert.Equal("Reported", downgraded.GetProperty("status").GetString());
        Assert.Equal("General", downgraded.GetProperty("level").GetString());
        await app.Act("ent.a1", id, "rectification", new { description = "当场整改" });
        var view = await app.Get("town.nanxiang", id);
        Assert.True(view.GetProperty("rectifications")[0].GetProperty("onTheSpot").GetBoolean());
        Assert.Equal("Major", view.GetProperty("reportedLevel").GetString());
    }

    [Fact]
    public async Task a_general_hazard_can_be_escalated_and_then_awaits_the_department()
    {
        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        var escalated = await app.Act("town.nanxiang", id, "escalate", new { reason = "涉及重大危险源" });
        Assert.Equal("PendingConfirmation", escalated.GetProperty("status").GetString());
        Assert.Equal("Major", escalated.GetProperty("level").GetString());
        await app.Act("dept.emergency", id, "confirm", null);
        Assert.Equal("Confirmed", await app.Status(id));
    }

    [Fact]
    public async Task a_reported_major_hazard_can_be_dismissed()
    {
        var id = await app.Report("inspector.nanxiang", HazardSteps.MajorReport(app.NanxiangChemicals));
        var dismissed = await app.Act("district.admin", id, "dismiss", new { reason = "误报：仓库已停用" });
        Assert.Equal("Dismissed", dismissed.GetProperty("status").GetString());
        await app.Act("dept.emergency", id, "confirm", null, 409);
    }

    [Fact]
    public async Task the_reporter_withdraws_before_anyone_else_acts_but_not_after()
    {
        var first = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals, description: "误录入"));
        await app.Act("ent.a2", first, "withdraw", new { reason = "不是我报的" }, 403);
        var withdrawn = await app.Act("ent.a1", first, "withdraw", new { reason = "重复录入" });
        Assert.Equal("Withdrawn", withdrawn.GetProperty("status").GetString());

        var second = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        await app.Act("town.nanxiang", second, "assign", app.Assignment("ent.a2"));
        var before = await app.EventCount(second);
        var refused = await app.Act("ent.a1", second, "withdraw", new { reason = "想撤回" }, 409);
        Assert.Equal("Rectifying", refused.GetProperty("currentStatus").GetString());
        Assert.Equal(before, await app.EventCount(second));
    }

    [Fact]
    public async Task a_deadline_is_extended_with_a_reason_and_must_move_later()
    {
        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        await app.Act("ent.a1", id, "extend-deadline", new { newDeadline = app.Clock.GetUtcNow().AddDays(30), reason = "尚未指派" }, 409);
        await app.Act("town.nanxiang", id, "assign", app.Assignment("ent.a2"));
        var later = app.Clock.GetUtcNow().AddDays(20);
        await app.Act("ent.a1", id, "extend-deadline", new { newDeadline = later, reason = "备件采购周期长" });
        var view = await app.Get("town.nanxiang", id);
        Assert.Equal(later, view.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal(1, view.GetProperty("deadlineExtensions").GetInt32());
        var problem = await app.Act("ent.a1", id, "extend-deadline", new { newDeadline = later.AddDays(-1), reason = "提前" }, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("newDeadline", out _));
    }

    [Fact]
    public async Task a_designated_rechecker_rechecks_and_the_town_decides_closure()
    {
        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        await app.Act("ent.a1", id, "designate-rechecker", new { userId = app.Users["ent.a2"] });
        await app.Act("ent.a1", id, "designate-rechecker", new { userId = app.Users["ent.b1"] }, 400);
        await app.Act("ent.a1", id, "assign", app.Assignment("ent.a1"));
        await app.Act("ent.a1", id, "rectification", new { description = "已整改" });
        var rechecked = await app.Act("ent.a2", id, "recheck", new { passed = true, remarks = "企业复查合格" });
        Assert.Equal("Rechecked", rechecked.GetProperty("status").GetString());
        var closed = await app.Act("town.nanxiang", id, "closure-decision", new { approved = true, remarks = "同意销案" });
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task an_overdue_hazard_is_derived_from_the_deadline_and_the_clock()
    {
        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals, description: "逾期测试隐患"));
        await app.Act("town.nanxiang", id, "assign", new
        {
            responsibleUserId = app.Users["ent.a2"], deadline = app.Clock.GetUtcNow().AddHours(1), measures = "立即整改"
        });
        Assert.False((await app.Get("town.nanxiang", id)).GetProperty("overdue").GetBoolean());

        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.True((await app.Get("town.nanxiang", id)).GetProperty("overdue").GetBoolean());
        var search = (await app.As("town.nanxiang", s => s.Get.Url("/api/hazards?overdue=true&pageSize=500"))).Json();
        Assert.Contains(search.GetProperty("items").EnumerateArray(), h => h.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task time_travel_returns_the_earlier_state()
    {
        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        await app.Act("town.nanxiang", id, "assign", app.Assignment("ent.a2"));
        await app.Act("ent.a2", id, "rectification", new { description = "已整改" });

        var v1 = await app.Get("town.nanxiang", id, "?version=1");
        Assert.Equal("Reported", v1.GetProperty("status").GetString());
        Assert.Equal(1, v1.GetProperty("version").GetInt64());
        var v2 = await app.Get("town.nanxiang", id, "?version=2");
        Assert.Equal("Rectifying", v2.GetProperty("status").GetString());

        await using var session = app.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        var asOf = events[1].Timestamp.AddTicks(-1).ToString("O");
        var then = await app.Get("town.nanxiang", id, $"?asOf={Uri.EscapeDataString(asOf)}");
        Assert.Equal("Reported", then.GetProperty("status").GetString());

        await app.As("town.nanxiang", s => { s.Get.Url($"/api/hazards/{id}?version=9"); s.StatusCodeShouldBe(404); });
    }

    [Fact]
    public async Task time_travel_folds_every_version_as_martens_own_replay_does()
    {
        // ?version and ?asOf replay through StreamReplay, which reads fewer columns than Marten: the views must not differ.
        var id = await app.Report("inspector.nanxiang", HazardSteps.MajorReport(app.NanxiangChemicals));
        await app.Act("dept.emergency", id, "confirm", new { remarks = "经核实属重大隐患" });
        await app.Act("ent.a1", id, "designate-rechecker", new { userId = app.Users["ent.a2"] });
        await app.Act("ent.a1", id, "assign", app.Assignment("ent.a2", major: true));
        await app.Act("ent.a1", id, "extend-deadline", new { newDeadline = app.Clock.GetUtcNow().AddDays(40), reason = "备件采购周期长" });
        await app.Act("ent.a2", id, "rectification", new { description = "已转移超量物料" });
        await app.Act("dept.emergency", id, "recheck", new { passed = false, remarks = "报警装置未安装" });
        await app.Act("ent.a2", id, "rectification", new { description = "已加装报警装置" });
        await app.Act("town.nanxiang", id, "recheck", new { passed = true, remarks = "复查合格" });
        await app.Act("ent.a1", id, "closure-request", new { remarks = "申请销号" });
        var closed = await app.Act("dept.emergency", id, "closure-decision", new { approved = true, remarks = "同意销号" });
        Assert.Equal("Closed", closed.GetProperty("status").GetString());

        await using var session = app.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        Assert.True(events.Count >= 11);
        foreach (var e in events)
        {
            var ours = await session.ReplayAsync<HazardView>(id, version: e.Version);
            Assert.Equal(e.Version, ours!.Version);
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(await session.Events.AggregateStreamAsync<HazardView>(id, version: e.Version)),
                System.Text.Json.JsonSerializer.Serialize(ours));
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(await session.Events.AggregateStreamAsync<HazardView>(id, timestamp: e.Timestamp)),
                System.Text.Json.JsonSerializer.Serialize(await session.ReplayAsync<HazardView>(id, timestamp: e.Timestamp)));
        }
        // The whole stream (the inline view's timestamps are the appending process's, finer than the column's: not compared).
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(await session.Events.AggregateStreamAsync<HazardView>(id)),
            System.Text.Json.JsonSerializer.Serialize(await session.ReplayAsync<HazardView>(id)));
        Assert.Equal("Closed", (await session.ReplayAsync<HazardView>(id))!.Status.ToString());
        // Before the first event, and past the last version, there is nothing.
        Assert.Null(await session.ReplayAsync<HazardView>(id, timestamp: events[0].Timestamp.AddTicks(-10)));
        Assert.Null(await session.ReplayAsync<HazardView>(id, version: events[^1].Version + 1));
    }

    [Fact]
    public async Task search_filters_and_scopes_the_read_model()
    {
        var general = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals, description: "搜索测试一般隐患"));
        var anting = await app.Report("ent.b1", HazardSteps.GeneralReport(app.AntingConstruction, description: "安亭工地临边防护缺失"));

        var nanxiang = (await app.As("town.nanxiang", s => s.Get.Url("/api/hazards?pageSize=500"))).Json();
        var ids = nanxiang.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(general, ids);
        Assert.DoesNotContain(anting, ids);

        var construction = (await app.As("dept.construction", s => s.Get.Url("/api/hazards?domain=ConstructionSites&pageSize=500"))).Json();
        Assert.Contains(construction.GetProperty("items").EnumerateArray(), h => h.GetProperty("id").GetGuid() == anting);
        Assert.DoesNotContain(construction.GetProperty("items").EnumerateArray(), h => h.GetProperty("id").GetGuid() == general);

        var filtered = (await app.As("district.admin", s => s.Get.Url($"/api/hazards?enterpriseId={app.AntingConstruction}&level=General&status=Reported"))).Json();
        Assert.All(filtered.GetProperty("items").EnumerateArray(), h => Assert.Equal(app.AntingConstruction, h.GetProperty("enterpriseId").GetGuid()));
        Assert.True(filtered.GetProperty("total").GetInt64() >= 1);
    }
}
