using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;
using Marten.Events.Daemon.Coordination;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using static AnJiaXing.IntegrationTests.RiskControl.RiskControlFixture;

namespace AnJiaXing.IntegrationTests.RiskControl;

/// <summary>Residual risk (残余风险): closing a hazard a patrol raised on a risk point asks for the point's re-assessment, once.</summary>
public class when_a_hazard_of_a_risk_point_closes(RiskControlFixture app) : IClassFixture<RiskControlFixture>
{
    private async Task<T> Eventually<T>(Func<Task<T?>> probe, string what) where T : class
    {
        for (var i = 0; i < 300; i++)
        {
            if (await probe() is { } found) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException(what);
    }

    private async Task Act(string user, Guid hazard, string action, object body) =>
        await app.As(user, s => { s.Post.Json(body).ToUrl($"/api/hazards/{hazard}/{action}"); s.StatusCodeShouldBe(200); });

    private async Task<List<JsonElement>> Todos(string user, string query = "") =>
        (await app.As(user, s => s.Get.Url("/api/risk-points/reassessments?pageSize=200" + query))).Json().GetProperty("items").EnumerateArray().ToList();

    private async Task<List<RiskPointReassessmentRequested>> RequestsOf(Guid point)
    {
        await using var session = app.Store.QuerySession();
        return [.. (await session.Events.FetchStreamAsync(point)).Select(e => e.Data).OfType<RiskPointReassessmentRequested>()];
    }

    [Fact]
    public async Task closing_the_hazard_asks_the_responsible_person_for_one_reassessment_until_it_is_made()
    {
        var enterprise = await app.OrganisationOf("ent.demo1");
        var me = await app.UserIdOf("ent.demo1");
        var point = await app.Register("ent.demo1", EnterprisePoint(enterprise, Lec(6, 6, 15), "残余风险 液氨储罐", me));
        var recorded = await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { riskPointId = point, results = new[] { new { item = "安全阀", ok = false, notes = "安全阀超期未校验", evidenceIds = Array.Empty<Guid>() } } })
                .ToUrl("/api/patrols");
            s.StatusCodeShouldBe(201);
        });
        var hazard = recorded.Json().GetProperty("raisedHazardIds")[0].GetGuid();
        await Eventually(async () =>
        {
            var r = await app.As("town.nanxiang", s => { s.Get.Url($"/api/hazards/{hazard}"); s.IgnoreStatusCode(); });
            return r.Context.Response.StatusCode == 200 ? "raised" : null;
        }, "hazard raised");
        Assert.DoesNotContain(await Todos("ent.demo1"), t => t.GetProperty("riskPointId").GetGuid() == point);

        await Act("ent.demo1", hazard, "assign", new { responsibleUserId = me, deadline = DateTimeOffset.UtcNow.AddDays(7), measures = "送检安全阀" });
        await Act("ent.demo1", hazard, "rectification", new { description = "安全阀已校验合格", evidenceIds = Array.Empty<Guid>() });
        await Act("town.nanxiang", hazard, "recheck", new { passed = true, remarks = "复查合格" });

        var todo = await Eventually(async () => (await Todos("ent.demo1", "&mine=true")).Cast<JsonElement?>()
            .FirstOrDefault(t => t!.Value.GetProperty("riskPointId").GetGuid() == point)?.ToString(), "re-assessment requested");
        var item = JsonDocument.Parse(todo).RootElement;
        Assert.Equal(hazard, item.GetProperty("requests")[0].GetProperty("hazardId").GetGuid());
        Assert.Contains("安全阀超期未校验", item.GetProperty("requests")[0].GetProperty("hazardDescription").GetString());
        Assert.Equal(me, item.GetProperty("responsible").GetProperty("userId").GetGuid());
        var view = (await app.As("ent.demo1", s => s.Get.Url($"/api/risk-points/{point}"))).Json();
        Assert.True(view.GetProperty("reassessmentDue").GetBoolean());

        // Redelivery: the message again, and the subscription rewound over the whole ledger — still one request.
        using (var scope = app.Host.Services.CreateScope())
        {
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            var again = new RequestRiskReassessment(point, hazard, "重复投递", DateTimeOffset.UtcNow);
            await Task.WhenAll(bus.InvokeAsync(again), bus.InvokeAsync(again));
        }
        var daemon = app.Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.RewindSubscriptionAsync(ResidualRiskSubscription.SubscriptionTitle, CancellationToken.None, sequenceFloor: 0);
        await app.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(1000);
        Assert.Single(await RequestsOf(point));

        // Scope: the town sees it, another enterprise and another town do not; "mine" is only the responsible person's.
        Assert.Contains(await Todos("town.nanxiang"), t => t.GetProperty("riskPointId").GetGuid() == point);
        Assert.DoesNotContain(await Todos("town.nanxiang", "&mine=true"), t => t.GetProperty("riskPointId").GetGuid() == point);
        foreach (var outsider in new[] { "ent.demo2", "ent.demo3", "town.anting", "dept.construction" })
            Assert.DoesNotContain(await Todos(outsider), t => t.GetProperty("riskPointId").GetGuid() == point);

        // The new assessment clears the to-do; the stream keeps the request.
        await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { assessment = Lec(1, 6, 7), reason = "安全阀校验合格，增设压力联锁" }).ToUrl($"/api/risk-points/{point}/assessments");
            s.StatusCodeShouldBe(200);
        });
        Assert.DoesNotContain(await Todos("ent.demo1"), t => t.GetProperty("riskPointId").GetGuid() == point);
        Assert.Single(await RequestsOf(point));
        var after = (await app.As("ent.demo1", s => s.Get.Url($"/api/risk-points/{point}"))).Json();
        Assert.False(after.GetProperty("reassessmentDue").GetBoolean());
        Assert.Equal("Low", after.GetProperty("level").GetString());
    }

    [Fact]
    public async Task every_role_reads_the_reassessment_list_of_its_scope_only()
    {
        foreach (var user in new[] { "ent.demo1", "ent.demo2", "town.nanxiang", "inspector.nanxiang", "town.anting", "dept.emergency", "district.admin", "auditor" })
        {
            var page = (await app.As(user, s => s.Get.Url("/api/risk-points/reassessments"))).Json();
            Assert.True(page.GetProperty("total").GetInt64() >= 0);
        }
        await app.Host.Scenario(s => { s.Get.Url("/api/risk-points/reassessments"); s.StatusCodeShouldBe(401); });
    }
}
