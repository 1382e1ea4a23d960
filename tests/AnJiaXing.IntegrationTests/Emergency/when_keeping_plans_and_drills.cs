using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;

namespace AnJiaXing.IntegrationTests.Emergency;

public class when_keeping_plans_and_drills(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<IScenarioResult> Post(string user, string url, object body, int status, string? ifMatch = null) =>
        await app.As(user, s =>
        {
            s.Post.Json(body).ToUrl(url);
            if (ifMatch is not null) s.WithRequestHeader("If-Match", ifMatch);
            s.StatusCodeShouldBe(status);
        });

    [Fact]
    public async Task a_new_plan_version_keeps_the_old_one_and_filing_is_recorded()
    {
        var town = await app.TownNamed("南翔镇");
        var adopted = await Post("town.nanxiang", "/api/emergency/plans", new
        {
            title = "南翔镇生产安全事故综合应急预案", kind = "Comprehensive", scope = "南翔镇行政区域内的生产安全事故", versionLabel = "2024版",
            effectiveOn = "2024-01-01", reviewDue = "2027-01-01", townId = town
        }, 201);
        var id = adopted.Json().GetProperty("id").GetGuid();

        await Post("town.nanxiang", $"/api/emergency/plans/{id}/versions",
            new { versionLabel = "2026版", effectiveOn = "2026-06-01", reviewDue = "2029-06-01", changes = "按新应急管理条例修订" }, 200, "\"1\"");
        (await Post("town.nanxiang", $"/api/emergency/plans/{id}/versions",
            new { versionLabel = "2026修订版", effectiveOn = "2026-07-01", reviewDue = "2029-07-01" }, 409, "\"1\"")).ShouldBeProblem(409);
        (await Post("town.nanxiang", $"/api/emergency/plans/{id}/versions",
            new { versionLabel = "2026版", effectiveOn = "2026-07-01", reviewDue = "2029-07-01" }, 409)).ShouldBeProblem(409);   // the label exists
        (await Post("town.nanxiang", $"/api/emergency/plans/{id}/filing", new { status = "Filed" }, 400)).ShouldBeProblem(400);
        await Post("town.nanxiang", $"/api/emergency/plans/{id}/filing", new { status = "Filed", filingNumber = "嘉应急备〔2026〕12号" }, 200);
        await Post("town.anting", $"/api/emergency/plans/{id}/versions", new { versionLabel = "x", effectiveOn = "2026-07-01", reviewDue = "2029-07-01" }, 404);

        var plan = await app.Get("auditor", $"/api/emergency/plans/{id}");
        Assert.Equal(["2024版", "2026版"], plan.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("label").GetString()!).ToArray());
        Assert.Equal("2024-01-01", plan.GetProperty("versions")[0].GetProperty("effectiveOn").GetString());
        Assert.Equal("2026版", plan.GetProperty("current").GetProperty("label").GetString());
        Assert.Equal("2029-06-01", plan.GetProperty("reviewDue").GetString());
        Assert.Equal("Filed", plan.GetProperty("filing").GetString());
        Assert.Equal(3, plan.GetProperty("version").GetInt64());

        var due = await app.Get("town.nanxiang", "/api/emergency/plans?reviewDueWithin=36500");
        Assert.Contains(due.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
        var notDue = await app.Get("town.nanxiang", "/api/emergency/plans?reviewDueWithin=0");
        Assert.DoesNotContain(notDue.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
        // Scope: another town neither finds nor reads the town's plan; a department sees public records (ADR 0022).
        Assert.DoesNotContain((await app.Get("town.anting", "/api/emergency/plans?pageSize=100")).GetProperty("items").EnumerateArray(),
            p => p.GetProperty("id").GetGuid() == id);
        await app.Get("town.anting", $"/api/emergency/plans/{id}", 404);
        await app.Get("ent.demo1", $"/api/emergency/plans/{id}", 404);
        Assert.Contains((await app.Get("dept.emergency", $"/api/emergency/plans?townId={town}&pageSize=100")).GetProperty("items").EnumerateArray(),
            p => p.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task planned_drills_are_completed_by_their_records()
    {
        var demo3 = await app.OrganisationOf("ent.demo3");
        async Task<Guid> Plan(string title, string on) => (await Post("ent.demo3", "/api/emergency/drills", new
        {
            title, plannedOn = on, scenario = "脚手架坍塌人员被困", participants = new[] { "项目经理", "安全员", "班组长" }, enterpriseId = demo3
        }, 201)).Json().GetProperty("id").GetGuid();
        var first = await Plan("一季度坍塌救援演练", "2025-03-15");
        var second = await Plan("二季度消防疏散演练", "2025-06-15");
        await Plan("三季度防台演练", "2025-09-15");

        object Record(string on) => new { heldOn = on, summary = "按预案完成人员疏散与救援", evaluation = "响应及时，通讯有延迟", improvements = new[] { "增配对讲机" }, participantCount = 35 };
        await Post("ent.demo3", $"/api/emergency/drills/{first}/record", Record("2025-03-15"), 200, "\"1\"");
        await Post("town.anting", $"/api/emergency/drills/{second}/record", Record("2025-06-16"), 200);
        (await Post("ent.demo3", $"/api/emergency/drills/{first}/record", Record("2025-03-16"), 409)).ShouldBeProblem(409);
        await Post("town.nanxiang", $"/api/emergency/drills/{second}/record", Record("2025-06-16"), 404);

        var completion = await app.Get("town.anting", $"/api/emergency/drills/completion?enterpriseId={demo3}&from=2025-01-01&to=2025-12-31");
        Assert.Equal(3, completion.GetProperty("planned").GetInt32());
        Assert.Equal(2, completion.GetProperty("completed").GetInt32());
        Assert.Equal(1, completion.GetProperty("overdue").GetInt32());
        Assert.Equal(0.6667, completion.GetProperty("completionRate").GetDouble());

        var drill = await app.Get("ent.demo3", $"/api/emergency/drills/{first}");
        Assert.Equal("Completed", drill.GetProperty("status").GetString());
        Assert.Equal(35, drill.GetProperty("record").GetProperty("participantCount").GetInt32());
        var planned = await app.Get("ent.demo3", $"/api/emergency/drills?status=Planned&from=2025-01-01&to=2025-12-31");
        Assert.Equal(1, planned.GetProperty("total").GetInt64());
        Assert.Equal(0, (await app.Get("ent.demo1", $"/api/emergency/drills/completion?enterpriseId={demo3}&from=2025-01-01&to=2025-12-31"))
            .GetProperty("planned").GetInt32());
    }
}
