using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using static AnJiaXing.IntegrationTests.RiskControl.RiskControlFixture;

namespace AnJiaXing.IntegrationTests.RiskControl;

public class when_patrolling_risk_points(RiskControlFixture app) : IClassFixture<RiskControlFixture>
{
    private async Task<(Guid Point, Guid Task)> PointWithTask(string name)
    {
        var enterprise = await app.OrganisationOf("ent.demo1");
        var point = await app.Register("ent.demo1", EnterprisePoint(enterprise, Lec(3, 6, 15), name));
        var task = await app.As("ent.demo1", s =>
        {
            s.Post.Json(new
            {
                riskPointIds = new[] { point }, assigneeUserIds = new[] { app.UserIdOf("ent.demo1").Result },
                schedule = new { every = "Day", times = 1 }, checkItems = new[] { "可燃气体报警器", "消防通道", "静电接地" }
            }).ToUrl("/api/patrol-tasks");
            s.StatusCodeShouldBe(201);
        });
        return (point, task.Json().GetProperty("id").GetGuid());
    }

    private static object Patrol(Guid? task, Guid point, params (string Item, bool Ok, string? Notes)[] results) => new
    {
        taskId = task, riskPointId = point, results = results.Select(r => new { item = r.Item, ok = r.Ok, notes = r.Notes, evidenceIds = Array.Empty<Guid>() })
    };

    private async Task<JsonElement?> HazardOrNull(Guid id)
    {
        var r = await app.As("town.nanxiang", s => { s.Get.Url($"/api/hazards/{id}"); s.IgnoreStatusCode(); });
        return r.Context.Response.StatusCode == 200 ? r.Json() : null;
    }

    private async Task<JsonElement> WaitForHazard(Guid id)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await HazardOrNull(id) is { } h) return h;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Hazard {id} was not raised.");
    }

    [Fact]
    public async Task each_abnormal_result_raises_exactly_one_hazard_through_the_outbox()
    {
        var (point, task) = await PointWithTask("巡查 甲类仓库");
        var recorded = await app.As("ent.demo1", s =>
        {
            s.Post.Json(Patrol(task, point, ("可燃气体报警器", false, "报警器故障"), ("消防通道", true, null), ("静电接地", false, "接地线断开"))).ToUrl("/api/patrols");
            s.StatusCodeShouldBe(201);
        });
        var body = recorded.Json();
        var hazardIds = body.GetProperty("raisedHazardIds").EnumerateArray().Select(e => e.GetGuid()).ToList();
        Assert.Equal(2, hazardIds.Count);

        foreach (var id in hazardIds)
        {
            var h = await WaitForHazard(id);
            Assert.Equal("RiskPatrol", h.GetProperty("source").GetString());
            Assert.Equal("General", h.GetProperty("level").GetString());
            Assert.Equal(1, h.GetProperty("version").GetInt64());
            Assert.Contains("巡查 甲类仓库", h.GetProperty("description").GetString());
        }

        // Redelivery of the same messages raises nothing new.
        var patrolId = body.GetProperty("id").GetGuid();
        var record = (await app.As("ent.demo1", s => s.Get.Url($"/api/patrols/{patrolId}"))).Json();
        Assert.Equal(2, record.GetProperty("abnormal").GetInt32());
        await using (var scope = app.Host.Services.CreateAsyncScope())
        {
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            var caller = new Caller(await app.UserIdOf("ent.demo1"), "ent.demo1", "x", Role.EnterpriseUser, await app.OrganisationOf("ent.demo1"),
                "x", OrganisationKind.Enterprise, await app.OrganisationOf("town.nanxiang"), await app.OrganisationOf("ent.demo1"), [IndustryDomain.HazardousChemicals]);
            foreach (var id in hazardIds)
                await bus.InvokeAsync(new RaiseHazardFromPatrol(patrolId, "可燃气体报警器", id, await app.OrganisationOf("ent.demo1"), point, "巡查 甲类仓库",
                    IndustryDomain.HazardousChemicals, "重复投递", null, [], DateTimeOffset.UtcNow, caller));
        }
        await using var session = app.Store.QuerySession();
        foreach (var id in hazardIds)
        {
            var events = await session.Events.FetchStreamAsync(id);
            Assert.Single(events);
        }
        var fromPatrols = await session.Query<HazardView>().Where(h => h.Source == HazardSource.RiskPatrol && h.Description.Contains("巡查 甲类仓库")).CountAsync();
        Assert.Equal(2, fromPatrols);

        // The occurrence of today is done.
        var occurrences = (await app.As("ent.demo1", s => s.Get.Url($"/api/patrol-tasks/{task}/occurrences"))).Json().EnumerateArray().ToList();
        Assert.Equal("Done", occurrences[^1].GetProperty("status").GetString());
        Assert.Equal(1, occurrences[^1].GetProperty("done").GetInt32());
    }

    [Fact]
    public async Task a_patrol_with_an_idempotency_key_is_recorded_once()
    {
        var (point, task) = await PointWithTask("巡查 幂等");
        var body = Patrol(task, point, ("消防通道", false, "堆放杂物"));
        var key = Guid.NewGuid().ToString();
        var first = await app.As("ent.demo1", s => { s.Post.Json(body).ToUrl("/api/patrols"); s.WithRequestHeader("Idempotency-Key", key); s.StatusCodeShouldBe(201); });
        var again = await app.As("ent.demo1", s => { s.Post.Json(body).ToUrl("/api/patrols"); s.WithRequestHeader("Idempotency-Key", key); s.StatusCodeShouldBe(201); });
        Assert.Equal(first.Json().GetProperty("id").GetGuid(), again.Json().GetProperty("id").GetGuid());
        var list = (await app.As("ent.demo1", s => s.Get.Url($"/api/patrols?riskPointId={point}"))).Json();
        Assert.Equal(1, list.GetProperty("total").GetInt64());
        var hazard = first.Json().GetProperty("raisedHazardIds")[0].GetGuid();
        await WaitForHazard(hazard);
    }

    [Fact]
    public async Task every_role_patrols_and_reads_only_in_its_scope()
    {
        var (point, task) = await PointWithTask("巡查 权限");
        var table = new (string User, int Record, int ReadTask)[]
        {
            ("ent.demo1", 201, 200), ("ent.demo2", 404, 404), ("ent.demo3", 404, 404), ("town.nanxiang", 201, 200),
            ("inspector.nanxiang", 201, 200), ("town.anting", 404, 404), ("dept.emergency", 403, 200), ("dept.construction", 404, 404),
            ("district.admin", 403, 200), ("auditor", 403, 200)
        };
        foreach (var (user, record, readTask) in table)
        {
            var r = await app.As(user, s => { s.Post.Json(Patrol(null, point, ("消防通道", true, null))).ToUrl("/api/patrols"); s.StatusCodeShouldBe(record); });
            if (record != 201) r.ShouldBeProblem(record);
            await app.As(user, s => { s.Get.Url($"/api/patrol-tasks/{task}"); s.StatusCodeShouldBe(readTask); });
            await app.As(user, s => { s.Get.Url($"/api/patrol-tasks/{task}/occurrences"); s.StatusCodeShouldBe(readTask); });
            var tasks = (await app.As(user, s => s.Get.Url("/api/patrol-tasks?pageSize=500"))).Json();
            Assert.True(tasks.GetProperty("items").EnumerateArray().Any(t => t.GetProperty("id").GetGuid() == task) == (readTask == 200), $"{user}: task in search");
            var patrols = (await app.As(user, s => s.Get.Url($"/api/patrols?riskPointId={point}"))).Json();
            Assert.True(patrols.GetProperty("total").GetInt64() > 0 == (readTask == 200), $"{user}: patrols in search");
        }

        // Configuring a task: whoever manages the point; not the inspector, not the auditor, not outside scope.
        foreach (var (user, status) in new[] { ("inspector.nanxiang", 403), ("auditor", 403), ("town.anting", 404), ("ent.demo2", 404) })
            await app.As(user, s =>
            {
                s.Post.Json(new { riskPointIds = new[] { point }, assigneeUserIds = new[] { app.UserIdOf("ent.demo1").Result },
                    schedule = new { every = "Week" }, checkItems = new[] { "消防通道" } }).ToUrl("/api/patrol-tasks");
                s.StatusCodeShouldBe(status);
            });
    }

    [Fact]
    public async Task a_point_outside_the_task_and_bad_results_are_refused()
    {
        var (_, task) = await PointWithTask("巡查 任务内");
        var (other, _) = await PointWithTask("巡查 任务外");
        await app.As("ent.demo1", s => { s.Post.Json(Patrol(task, other, ("消防通道", true, null))).ToUrl("/api/patrols"); s.StatusCodeShouldBe(400); });
        await app.As("ent.demo1", s => { s.Post.Json(Patrol(null, other, ("消防通道", false, null))).ToUrl("/api/patrols"); s.StatusCodeShouldBe(400); });
        await app.As("ent.demo1", s => { s.Post.Json(Patrol(null, other, ("消防通道", true, null), ("消防通道", true, null))).ToUrl("/api/patrols"); s.StatusCodeShouldBe(400); });
        await app.As("ent.demo1", s => { s.Post.Json(Patrol(null, other)).ToUrl("/api/patrols"); s.StatusCodeShouldBe(400); });
    }

    [Fact]
    public async Task a_public_point_patrol_records_abnormal_results_without_a_hazard()
    {
        var town = await app.OrganisationOf("town.nanxiang");
        var point = await app.Register("town.nanxiang", PublicPoint(town, Ls(3, 3), null, "巡查 公共 老街"));
        var r = await app.As("inspector.nanxiang", s => { s.Post.Json(Patrol(null, point, ("疏散通道", false, "摊位占道"))).ToUrl("/api/patrols"); s.StatusCodeShouldBe(201); });
        Assert.Equal(0, r.Json().GetProperty("raisedHazardIds").GetArrayLength());
        await app.As("ent.demo1", s => { s.Post.Json(Patrol(null, point, ("疏散通道", true, null))).ToUrl("/api/patrols"); s.StatusCodeShouldBe(404); });
    }
}
