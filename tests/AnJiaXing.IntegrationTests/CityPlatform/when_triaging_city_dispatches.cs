using System.Text.Json;
using System.Text.Json.Nodes;
using AnJiaXing.IntegrationTests.Hazards;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;

namespace AnJiaXing.IntegrationTests.CityPlatform;

public class TriageCityFixture : CityFixture;

public class when_triaging_city_dispatches(TriageCityFixture app) : IClassFixture<TriageCityFixture>
{
    private async Task<Guid> Town(string name)
    {
        await using var query = app.Store.QuerySession();
        return (await query.Query<Organisation>().Where(o => o.Name == name).SingleAsync()).Id;
    }

    private async Task Unmatched(string dispatchId, Guid? townId) =>
        Assert.Equal("Triage", (await app.Dispatch(JsonSerializer.Serialize(new
        {
            dispatchId, address = $"嘉定区无名路 {dispatchId} 号", townId, description = "群众举报：厂房内违规住人", category = "Fire", level = "General", location = "二号厂房"
        }), 202)).Json().GetProperty("status").GetString());

    private async Task<JsonElement> List(string username, string query = "") =>
        (await app.As(username, s => s.Get.Url($"/api/integration/city/triage{query}"))).Json();

    private static List<string> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("dispatchId").GetString()!).ToList();

    [Fact]
    public async Task a_town_sees_its_items_only_resolves_one_to_a_hazard_and_rejects_one_back_to_the_city()
    {
        var nanxiang = await Town("南翔镇");
        var anting = await Town("安亭镇");
        await Unmatched("JD-T-N1", nanxiang);
        await Unmatched("JD-T-N2", nanxiang);
        await Unmatched("JD-T-A1", anting);
        await Unmatched("JD-T-X1", null); // no town named: the district's

        // Scope: a town its own, the district (and the auditor) all; enterprises, departments and inspectors none.
        Assert.Equal(["JD-T-N1", "JD-T-N2"], Ids(await List("town.nanxiang")));
        Assert.Equal(["JD-T-A1"], Ids(await List("town.anting")));
        Assert.Equal(["JD-T-N1", "JD-T-N2", "JD-T-A1", "JD-T-X1"], Ids(await List("district.admin")));
        Assert.Equal(4, (await List("auditor")).GetProperty("total").GetInt64());
        foreach (var who in new[] { "ent.a1", "dept.emergency", "inspector.nanxiang" })
            (await app.As(who, s => { s.Get.Url("/api/integration/city/triage"); s.StatusCodeShouldBe(403); })).ShouldBeProblem(403);
        (await app.As("town.nanxiang", s => { s.Get.Url("/api/integration/city/triage?status=Lost"); s.StatusCodeShouldBe(400); })).ShouldBeProblem(400);

        // Another town's item (or the district's) does not exist for a town; an auditor only looks.
        (await app.As("town.anting", s => { s.Post.Json(new { enterpriseId = app.AntingConstruction }).ToUrl("/api/integration/city/triage/JD-T-N1/resolve"); s.StatusCodeShouldBe(404); })).ShouldBeProblem(404);
        (await app.As("town.nanxiang", s => { s.Post.Json(new { reason = "非本镇" }).ToUrl("/api/integration/city/triage/JD-T-X1/reject"); s.StatusCodeShouldBe(404); })).ShouldBeProblem(404);
        (await app.As("auditor", s => { s.Post.Json(new { reason = "x" }).ToUrl("/api/integration/city/triage/JD-T-N1/reject"); s.StatusCodeShouldBe(403); })).ShouldBeProblem(403);
        (await app.As("town.nanxiang", s => { s.Post.Json(new { reason = "x" }).ToUrl("/api/integration/city/triage/JD-NONE/reject"); s.StatusCodeShouldBe(404); })).ShouldBeProblem(404);

        // Resolving: the enterprise must be one the town sees; a missing one is a 400 naming the field.
        var wrong = (await app.As("town.nanxiang", s => { s.Post.Json(new { enterpriseId = app.AntingConstruction }).ToUrl("/api/integration/city/triage/JD-T-N1/resolve"); s.StatusCodeShouldBe(400); })).ShouldBeProblem(400);
        Assert.True(wrong.GetProperty("errors").TryGetProperty("enterpriseId", out _));
        var none = (await app.As("town.nanxiang", s => { s.Post.Json(new { }).ToUrl("/api/integration/city/triage/JD-T-N1/resolve"); s.StatusCodeShouldBe(400); })).ShouldBeProblem(400);
        Assert.True(none.GetProperty("errors").TryGetProperty("enterpriseId", out _));

        var resolved = (await app.As("town.nanxiang", s => s.Post.Json(new { enterpriseId = app.NanxiangChemicals }).ToUrl("/api/integration/city/triage/JD-T-N1/resolve"))).Json();
        Assert.Equal("Accepted", resolved.GetProperty("status").GetString());
        var hazard = resolved.GetProperty("hazardId").GetGuid();
        Assert.Equal(ReceiveDispatchEndpoint.HazardIdOf("JD-T-N1"), hazard);
        Assert.Equal("南翔镇安监 张明", resolved.GetProperty("settledBy").GetProperty("name").GetString());
        await CityFixture.Eventually(async () => await app.EventCount(hazard) > 0, "the hazard of the resolved dispatch");
        var view = await app.Get("town.nanxiang", hazard);
        Assert.Equal("CityOpsDispatch", view.GetProperty("source").GetString());
        Assert.Equal(app.NanxiangChemicals, view.GetProperty("enterpriseId").GetGuid());
        Assert.Equal("二号厂房", view.GetProperty("location").GetString());
        Assert.Equal("Fire", view.GetProperty("category").GetString());

        // Settled once: a second resolve or a reject is a 409; a replay of the dispatch now answers its outcome.
        (await app.As("district.admin", s => { s.Post.Json(new { reason = "x" }).ToUrl("/api/integration/city/triage/JD-T-N1/reject"); s.StatusCodeShouldBe(409); })).ShouldBeProblem(409);
        (await app.As("town.nanxiang", s => { s.Post.Json(new { enterpriseId = app.NanxiangChemicals }).ToUrl("/api/integration/city/triage/JD-T-N1/resolve"); s.StatusCodeShouldBe(409); })).ShouldBeProblem(409);

        // Rejecting needs a reason; it goes back to the city in the feed.
        var noReason = (await app.As("town.nanxiang", s => { s.Post.Json(new { reason = "  " }).ToUrl("/api/integration/city/triage/JD-T-N2/reject"); s.StatusCodeShouldBe(400); })).ShouldBeProblem(400);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        var rejected = (await app.As("town.nanxiang", s => s.Post.Json(new { reason = "经核查该地址为居民住宅，非辖区企业" }).ToUrl("/api/integration/city/triage/JD-T-N2/reject"))).Json();
        Assert.Equal("Rejected", rejected.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, rejected.GetProperty("hazardId").ValueKind);

        Assert.Empty(Ids(await List("town.nanxiang")));
        Assert.Equal(["JD-T-N1"], Ids(await List("town.nanxiang", "?status=Accepted")));
        Assert.Equal(["JD-T-N2"], Ids(await List("town.nanxiang", "?status=Rejected")));
        Assert.Equal(["JD-T-A1", "JD-T-X1"], Ids(await List("district.admin")));

        await CityFixture.Eventually(() => Task.FromResult(app.Receiver.Unique.Values.Any(a => a.Type == "cn.gov.jiading.anjiaxing.dispatch.rejected.v1")
            && app.Receiver.Unique.Values.Any(a => a.Subject == hazard)), "the rejection and the hazard in the feed");
        var rejection = app.Receiver.Unique.Values.Single(a => a.Type == "cn.gov.jiading.anjiaxing.dispatch.rejected.v1");
        var message = JsonNode.Parse(rejection.Body)!;
        Assert.Equal("JD-T-N2", (string)message["subject"]!);
        Assert.Equal("经核查该地址为居民住宅，非辖区企业", (string)message["data"]!["reason"]!);
        Assert.Equal(nanxiang.ToString(), (string)message["data"]!["townId"]!);
        Assert.Equal("TownSupervisor", (string)message["data"]!["by"]!["role"]!);
        Assert.Equal("dispatch-rejected.v1.json", FeedSchemas.AssertValid(rejection.Body));
        FeedSchemas.AssertValid(app.Receiver.FirstArrivalsOf(hazard)[0].Body);
        var reported = JsonNode.Parse(app.Receiver.FirstArrivalsOf(hazard)[0].Body)!;
        Assert.Equal("JD-T-N1", (string)reported["data"]!["report"]!["dispatchId"]!);

        // The replay of a settled dispatch answers how it stands.
        var replay = (await app.Dispatch(JsonSerializer.Serialize(new { dispatchId = "JD-T-N2", address = "x", description = "重发" }), 202)).Json();
        Assert.Equal("Rejected", replay.GetProperty("status").GetString());
    }

    [Fact]
    public async Task racing_settlements_of_one_item_settle_it_once()
    {
        var nanxiang = await Town("南翔镇");
        await Unmatched("JD-T-R1", nanxiang);
        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => app.As(i % 2 == 0 ? "town.nanxiang" : "district.admin", s =>
        {
            if (i % 3 == 0) s.Post.Json(new { reason = $"退回 {i}" }).ToUrl("/api/integration/city/triage/JD-T-R1/reject");
            else s.Post.Json(new { enterpriseId = app.NanxiangChemicals }).ToUrl("/api/integration/city/triage/JD-T-R1/resolve");
            s.IgnoreStatusCode();
        }))));
        var codes = attempts.Select(a => a.Context.Response.StatusCode).ToList();
        Assert.Equal(1, codes.Count(c => c == 200));
        Assert.Equal(5, codes.Count(c => c == 409));
        await using var session = app.Store.QuerySession();
        var settled = await session.LoadAsync<CityDispatch>("JD-T-R1");
        Assert.NotEqual(CityDispatchStatus.Triage, settled!.Status);
        var rejections = await session.Query<CityDelivery>().Where(d => d.HazardId == ReceiveDispatchEndpoint.HazardIdOf("JD-T-R1") && d.Type == "cn.gov.jiading.anjiaxing.dispatch.rejected.v1").CountAsync();
        Assert.Equal(settled.Status == CityDispatchStatus.Rejected ? 1 : 0, rejections);
    }
}
