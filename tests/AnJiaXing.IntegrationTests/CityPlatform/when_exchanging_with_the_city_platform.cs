using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using AnJiaXing.IntegrationTests.Hazards;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;

namespace AnJiaXing.IntegrationTests.CityPlatform;

public class when_exchanging_with_the_city_platform(CityFixture app) : IClassFixture<CityFixture>
{
    private static string Body(object o) => JsonSerializer.Serialize(o);

    [Fact]
    public async Task every_hazard_change_arrives_once_in_order_despite_failures_and_dispatched_progress_goes_back()
    {
        var general = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        await app.Report("ent.a2", HazardSteps.GeneralReport(app.NanxiangChemicals, description: "消防通道堆放杂物"));
        await app.Act("town.nanxiang", general, "assign", app.Assignment("ent.a2"));
        await app.Act("ent.a2", general, "rectification", new { description = "已更换配电箱门并整理线路", evidenceIds = Array.Empty<Guid>() });
        await app.Act("inspector.nanxiang", general, "recheck", new { passed = true, remarks = "整改到位" });

        // A dispatch from the city becomes a hazard; its progress goes back through the feed.
        var answer = (await app.Dispatch(Body(new { dispatchId = "JD-2026-0001", creditCode = "91310114MA1GT1234A", description = "群众举报：仓库门口堆放易燃物", category = "Fire" }), 202)).Json();
        Assert.Equal("Accepted", answer.GetProperty("status").GetString());
        var dispatched = answer.GetProperty("hazardId").GetGuid();
        Assert.Equal(ReceiveDispatchEndpoint.HazardIdOf("JD-2026-0001"), dispatched);
        await CityFixture.Eventually(async () => await app.EventCount(dispatched) > 0, "the dispatched hazard");
        Assert.Equal("Reported", await app.Status(dispatched));
        await app.Act("town.nanxiang", dispatched, "assign", app.Assignment("ent.a2"));
        await app.Act("ent.a2", dispatched, "rectification", new { description = "已清理易燃物", evidenceIds = Array.Empty<Guid>() });

        var expected = await app.HazardEventCount();
        try
        {
            await CityFixture.Eventually(async () => app.Receiver.HazardUnique.Count >= expected
                && (await app.Deliveries()).All(d => d.Status == CityDeliveryStatus.Delivered), $"{expected} messages delivered");
        }
        catch (Exception)
        {
            Assert.Fail(Diagnose(await app.Deliveries()));
        }

        var deliveries = await app.Deliveries();
        Assert.Equal(expected, deliveries.Count);
        Assert.Equal(expected, app.Receiver.HazardUnique.Count);
        Assert.Equal(0, app.Receiver.BadSignatures);
        Assert.True(app.Receiver.Refused > 0 && app.Receiver.Dropped > 0, "the receiver failed and dropped some deliveries");
        Assert.True(app.Receiver.HazardArrivals.Count > app.Receiver.HazardUnique.Count, "some messages were taken twice and deduped");
        Assert.Contains(deliveries, d => d.Attempts > 1);
        Assert.Equal(deliveries.Select(d => d.Id.ToString()).Order(), app.Receiver.HazardUnique.Keys.Order());

        // In order per hazard: first arrivals are exactly 1, 2, 3 …, and nothing of a later version arrived before an earlier one.
        foreach (var hazard in deliveries.Select(d => d.HazardId).Distinct())
        {
            var first = app.Receiver.FirstArrivalsOf(hazard);
            Assert.Equal(Enumerable.Range(1, first.Count).Select(i => (long)i), first.Select(a => a.Version));
            var all = app.Receiver.HazardArrivals.Where(a => a.Subject == hazard).Select(a => a.Version).ToList();
            Assert.Equal(all.Order(), all);
        }

        var trail = app.Receiver.FirstArrivalsOf(dispatched).Select(a => JsonNode.Parse(a.Body)!).ToList();
        Assert.Equal(["cn.gov.jiading.anjiaxing.hazard.reported.v1", "cn.gov.jiading.anjiaxing.hazard.rectification-assigned.v1",
            "cn.gov.jiading.anjiaxing.hazard.rectification-submitted.v1"], trail.Select(m => (string)m!["type"]!));
        Assert.Equal("CityOpsDispatch", (string)trail[0]["data"]!["report"]!["source"]!);
        Assert.Equal("JD-2026-0001", (string)trail[0]["data"]!["report"]!["dispatchId"]!);
        Assert.Equal(["Reported", "Rectifying", "AwaitingRecheck"], trail.Select(m => (string)m!["data"]!["status"]!));
        Assert.All(trail, m => Assert.Equal(dispatched.ToString(), (string)m!["subject"]!));
        var closed = app.Receiver.FirstArrivalsOf(general).Last();
        Assert.Equal("cn.gov.jiading.anjiaxing.hazard.closed.v1", closed.Type);

        // Every captured message validates against the published schema.
        foreach (var message in app.Receiver.HazardUnique.Values)
            Assert.Equal("hazard-change.v1.json", FeedSchemas.AssertValid(message.Body));

        // The district sees them; an auditor too; a town does not; a bad status is a 400.
        var listed = (await app.As("auditor", s => s.Get.Url($"/api/integration/city/deliveries?status=Delivered&hazardId={dispatched}"))).Json();
        Assert.Equal(3, listed.GetProperty("total").GetInt64());
        // (A ledger head sealed meanwhile may still be on its way; no hazard change is.)
        var pending = (await app.As("district.admin", s => s.Get.Url("/api/integration/city/deliveries?status=Pending&pageSize=100"))).Json();
        Assert.DoesNotContain(pending.GetProperty("items").EnumerateArray(), d => d.GetProperty("type").GetString()!.StartsWith(HazardFeedMessages.TypePrefix, StringComparison.Ordinal));
        await app.As("town.nanxiang", s => { s.Get.Url("/api/integration/city/deliveries"); s.StatusCodeShouldBe(403); });
        (await app.As("district.admin", s => { s.Get.Url("/api/integration/city/deliveries?status=Lost"); s.StatusCodeShouldBe(400); })).ShouldBeProblem(400);

        // A resend goes again with the same CloudEvents id; the receiver's dedupe keeps one.
        var resend = deliveries.First(d => d.HazardId == dispatched && d.Version == 1);
        var before = app.Receiver.HazardArrivals.Count(a => a.Id == resend.Id.ToString());
        await app.As("auditor", s => { s.Post.Json(new { }).ToUrl($"/api/integration/city/deliveries/{resend.Id}/resend"); s.StatusCodeShouldBe(403); });
        await app.As("district.admin", s => s.Post.Json(new { }).ToUrl($"/api/integration/city/deliveries/{resend.Id}/resend"));
        await CityFixture.Eventually(async () => app.Receiver.HazardArrivals.Count(a => a.Id == resend.Id.ToString()) > before
            && (await app.Deliveries()).All(d => d.Status == CityDeliveryStatus.Delivered), "the resend");
        Assert.Equal(expected, app.Receiver.HazardUnique.Count);
    }

    private string Diagnose(IReadOnlyList<CityDelivery> deliveries) =>
        $"deliveries {deliveries.Count}, received {app.Receiver.HazardUnique.Count} unique of {app.Receiver.HazardArrivals.Count}, refused {app.Receiver.Refused}, " +
        $"dropped {app.Receiver.Dropped}, bad signatures {app.Receiver.BadSignatures}; " +
        string.Join("; ", deliveries.GroupBy(d => (d.Status, d.LastError)).Select(g => $"{g.Key.Status}/{g.Key.LastError}: {g.Count()}")) +
        "; versions " + string.Join(",", deliveries.Select(d => d.Version).Distinct().Order().Take(10));

    [Fact]
    public async Task a_bad_or_missing_signature_is_401_recorded_and_changes_nothing()
    {
        var body = Body(new { dispatchId = "JD-2026-S1", creditCode = "91310114MA1GT1234A", description = "签名测试" });
        (await app.Dispatch(body, 401, secret: null)).ShouldBeProblem(401);
        (await app.Dispatch(body, 401, secret: "wrong-secret")).ShouldBeProblem(401);
        (await app.Dispatch(body, 401, signature: "sha256=" + new string('0', 64))).ShouldBeProblem(401);
        // Signed over a different body.
        (await app.Dispatch(body, 401, signature: Signature.Of("{}"u8, CityFixture.Secret))).ShouldBeProblem(401);

        await using var session = app.Store.QuerySession();
        Assert.Null(await session.LoadAsync<CityDispatch>("JD-2026-S1"));
        Assert.Null(await session.Events.FetchStreamStateAsync(ReceiveDispatchEndpoint.HazardIdOf("JD-2026-S1")));
        var rejections = await session.Query<CityDispatchRejection>().ToListAsync();
        Assert.True(rejections.Count >= 4);
        Assert.Contains(rejections, r => r.Reason == "missing signature");
        Assert.Contains(rejections, r => r.Reason == "bad signature");
    }

    [Fact]
    public async Task a_replayed_dispatch_answers_the_first_answer_and_raises_one_hazard()
    {
        var body = Body(new { dispatchId = "JD-2026-R1", enterpriseId = app.AntingConstruction, description = "脚手架未设置防护网", category = "WorkAtHeight" });
        var first = (await app.Dispatch(body, 202)).ReadAsText();
        var again = (await app.Dispatch(body, 202)).ReadAsText();
        Assert.Equal(first, again);
        // Even a different body under the same dispatch id answers the first answer and changes nothing.
        var other = (await app.Dispatch(Body(new { dispatchId = "JD-2026-R1", creditCode = "91310114MA1GT1234A", description = "另一内容" }), 202)).ReadAsText();
        Assert.Equal(first, other);

        var hazard = ReceiveDispatchEndpoint.HazardIdOf("JD-2026-R1");
        await CityFixture.Eventually(async () => await app.EventCount(hazard) > 0, "the dispatched hazard");
        var view = await app.Get("district.admin", hazard);
        Assert.Equal(app.AntingConstruction, view.GetProperty("enterpriseId").GetGuid());
        Assert.Equal("CityOpsDispatch", view.GetProperty("source").GetString());
        Assert.Equal(1, await app.EventCount(hazard));
    }

    [Fact]
    public async Task racing_first_deliveries_of_one_dispatch_all_get_the_one_answer_and_raise_one_hazard()
    {
        // The city sends the same new dispatch on several connections at once (a retry racing a slow first answer).
        var body = Body(new { dispatchId = "JD-2026-C1", creditCode = "91310114MA1GT1234A", description = "并发派单：危化品仓库通风不良", category = "HazardousChemicals" });
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => app.Dispatch(body, 202))));
        var answers = results.Select(r => r.ReadAsText()).ToList();
        Assert.All(answers, a => Assert.Equal(answers[0], a));
        using var first = JsonDocument.Parse(answers[0]);
        Assert.Equal("Accepted", first.RootElement.GetProperty("status").GetString());

        var hazard = ReceiveDispatchEndpoint.HazardIdOf("JD-2026-C1");
        await CityFixture.Eventually(async () => await app.EventCount(hazard) > 0, "the dispatched hazard");
        await Task.Delay(500); // any second command would have landed by now
        Assert.Equal(1, await app.EventCount(hazard));
        await using var session = app.Store.QuerySession();
        Assert.Equal(1, await session.Query<CityDispatch>().Where(d => d.Id == "JD-2026-C1").CountAsync());
    }

    [Fact]
    public async Task an_unknown_enterprise_becomes_a_triage_item_for_the_town()
    {
        await using var query = app.Store.QuerySession();
        var anting = (await query.Query<Organisation>().Where(o => o.Name == "安亭镇").SingleAsync()).Id;
        var answer = (await app.Dispatch(Body(new { dispatchId = "JD-2026-T1", address = "嘉定区安亭镇某无名路 1 号", townId = anting, description = "违规住人" }), 202)).Json();
        Assert.Equal("Triage", answer.GetProperty("status").GetString());
        Assert.Equal(anting, answer.GetProperty("townId").GetGuid());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("hazardId").ValueKind);
        await using var session = app.Store.QuerySession();
        var stored = await session.LoadAsync<CityDispatch>("JD-2026-T1");
        Assert.Equal(CityDispatchStatus.Triage, stored!.Status);
        Assert.Null(await session.Events.FetchStreamStateAsync(ReceiveDispatchEndpoint.HazardIdOf("JD-2026-T1")));
    }

    [Fact]
    public async Task a_malformed_dispatch_is_400_and_changes_nothing()
    {
        var cases = new (string Body, string Field)[]
        {
            ("not json", "body"),
            ("null", "body"),
            (Body(new { description = "无编号", creditCode = "91310114MA1GT1234A" }), "dispatchId"),
            (Body(new { dispatchId = "JD-2026-M1", creditCode = "91310114MA1GT1234A" }), "description"),
            (Body(new { dispatchId = "JD-2026-M1", description = "无企业" }), "enterpriseId"),
            (Body(new { dispatchId = "JD-2026-M1", description = "x", creditCode = "91310114MA1GT1234A", level = "Huge" }), "body"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = (await app.Dispatch(body, 400)).ShouldBeProblem(400);
            Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"{body} → {problem}");
        }
        await using var session = app.Store.QuerySession();
        Assert.Null(await session.LoadAsync<CityDispatch>("JD-2026-M1"));
    }
}
