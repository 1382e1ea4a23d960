using System.Text.Json;
using System.Text.Json.Nodes;
using AnJiaXing.IntegrationTests.Infrastructure;
using AnJiaXing.IntegrationTests.Monitoring;

namespace AnJiaXing.IntegrationTests.CityPlatform;

public class OperationsCityFixture : CityFixture
{
    // The demo enterprise accounts (ent.demo1 has the chemical plant with monitored tanks) keep the demo password.
    protected override string PasswordOf(string username) =>
        username.StartsWith("ent.demo", StringComparison.Ordinal) ? DemoDistrict.Password : base.PasswordOf(username);
}

public class when_the_feed_carries_alarms_incidents_and_ledger_heads(OperationsCityFixture app) : IClassFixture<OperationsCityFixture>
{
    [Fact]
    public async Task an_alarm_an_incident_and_a_signed_head_arrive_in_order_and_match_their_schemas()
    {
        // An alarm: a sensor's reading crosses High, the enterprise acknowledges it.
        var chemicals = Guid.Parse((await app.As("ent.demo1", s => s.Get.Url("/api/me"))).Json().GetProperty("organisationId").GetString()!);
        await app.As("ent.demo1", s => { s.Post.Json(MonitoringFixture.Source(chemicals, MonitoringFixture.Point("CITY-LT-1"))).ToUrl("/api/major-hazard-sources"); s.StatusCodeShouldBe(201); });
        var device = (await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { enterpriseId = chemicals, kind = "Sensor", name = "CITY-LT-1 液位计", monitoringPointCodes = new[] { "CITY-LT-1" } }).ToUrl("/api/devices");
            s.StatusCodeShouldBe(201);
        })).Json();
        await app.Host.Scenario(s =>
        {
            s.Post.Text(JsonSerializer.Serialize(MonitoringFixture.Readings("CITY-LT-1", DateTimeOffset.UtcNow.AddMinutes(-5), 7.0, 8.6))).ToUrl("/api/telemetry");
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithRequestHeader(DeviceKeys.Header, device.GetProperty("deviceKey").GetString()!);
            s.StatusCodeShouldBe(202);
        });
        var alarm = (await app.As("ent.demo1", s => s.Get.Url("/api/alarms?point=CITY-LT-1"))).Json().GetProperty("items")[0].GetProperty("id").GetGuid();
        await app.As("ent.demo1", s => { s.Post.Json(new { remarks = "已安排人员处置" }).ToUrl($"/api/alarms/{alarm}/acknowledge"); s.WithRequestHeader("If-Match", "\"1\""); });

        // An incident: reported, updated, closed.
        var incident = (await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { enterpriseId = chemicals, kind = "Leak", occurredAt = DateTimeOffset.UtcNow.AddHours(-1), place = "罐区", description = "储罐阀门泄漏", deaths = 0, injuries = 1 })
                .ToUrl("/api/emergency/incidents");
            s.StatusCodeShouldBe(201);
        })).Json().GetProperty("id").GetGuid();
        await app.As("ent.demo1", s => { s.Post.Json(new { note = "已关闭上游阀门", deaths = 0, injuries = 2 }).ToUrl($"/api/emergency/incidents/{incident}/updates"); s.WithRequestHeader("If-Match", "\"1\""); });
        await app.As("town.nanxiang", s => { s.Post.Json(new { summary = "处置完毕" }).ToUrl($"/api/emergency/incidents/{incident}/close"); s.WithRequestHeader("If-Match", "\"2\""); });

        // A signed head of the ledger, sealed on demand.
        var head = (await app.As("district.admin", s => s.Post.Json(new { }).ToUrl("/api/ledger/digest"))).Json();
        var headId = head.GetProperty("id").GetInt64();

        List<JsonNode> Of(string prefix) => app.Receiver.Unique.Values.Where(a => a.Type.StartsWith(prefix, StringComparison.Ordinal))
            .Select(a => JsonNode.Parse(a.Body)!).ToList();
        await CityFixture.Eventually(() => Task.FromResult(app.Receiver.FirstArrivalsOf(alarm).Count >= 2 && app.Receiver.FirstArrivalsOf(incident).Count >= 3
            && Of("cn.gov.jiading.anjiaxing.ledger.").Any(m => (long)m["data"]!["headId"]! == headId)), "the alarm, the incident and the head in the feed");

        var alarmTrail = app.Receiver.FirstArrivalsOf(alarm).Select(a => JsonNode.Parse(a.Body)!).ToList();
        Assert.Equal(["cn.gov.jiading.anjiaxing.alarm.raised.v1", "cn.gov.jiading.anjiaxing.alarm.acknowledged.v1"], alarmTrail.Select(m => (string)m["type"]!));
        Assert.Equal("CITY-LT-1", (string)alarmTrail[0]["data"]!["raised"]!["pointCode"]!);
        Assert.Equal("High", (string)alarmTrail[0]["data"]!["raised"]!["level"]!);
        Assert.Equal("已安排人员处置", (string)alarmTrail[1]["data"]!["remarks"]!);
        var incidentTrail = app.Receiver.FirstArrivalsOf(incident).Select(a => JsonNode.Parse(a.Body)!).ToList();
        Assert.Equal(["reported", "updated", "closed"], incidentTrail.Select(m => (string)m["data"]!["change"]!));
        Assert.Equal([1, 2, 3], incidentTrail.Select(m => (int)m["data"]!["version"]!));
        Assert.Equal("Leak", (string)incidentTrail[0]["data"]!["report"]!["kind"]!);
        Assert.Equal(2, (int)incidentTrail[1]["data"]!["injuries"]!);
        // In the order they arrived (first arrivals, deduped by id).
        var heads = app.Receiver.Arrivals.Where(a => a.Type == "cn.gov.jiading.anjiaxing.ledger.head-signed.v1").DistinctBy(a => a.Id)
            .Select(a => (long)JsonNode.Parse(a.Body)!["data"]!["headId"]!).ToList();
        Assert.Equal(heads.Order(), heads.Distinct()); // every head once after dedupe, in order
        var signed = Of("cn.gov.jiading.anjiaxing.ledger.").Single(m => (long)m["data"]!["headId"]! == headId);
        Assert.Equal(head.GetProperty("signature").GetString(), (string)signed["data"]!["signature"]!);
        Assert.Equal(head.GetProperty("signedPayload").GetString(), (string)signed["data"]!["signedPayload"]!);

        // Every captured message, of every type, validates against the schema its dataschema names.
        var files = app.Receiver.Unique.Values.Select(m => FeedSchemas.AssertValid(m.Body)).ToHashSet();
        Assert.Superset(new HashSet<string> { "alarm-change.v1.json", "incident-change.v1.json", "ledger-head.v1.json" }, files);
    }
}
