using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;

namespace AnJiaXing.IntegrationTests.Monitoring;

public class when_thresholds_are_crossed(MonitoringFixture app) : IClassFixture<MonitoringFixture>
{
    private static DateTimeOffset Start => DateTimeOffset.UtcNow.AddMinutes(-20);

    [Fact]
    public async Task a_value_hovering_at_the_line_opens_one_alarm_which_is_acknowledged_and_resolved_with_if_match()
    {
        var (_, key) = await app.SensorFor("ALM-H-1");
        // High 8, deadband 0.5: up and down around the line opens one High alarm only.
        await app.Send(key, MonitoringFixture.Readings("ALM-H-1", Start, 7.9, 8.0, 7.9, 8.1, 7.8, 8.05, 7.7, 8.0));
        var open = await app.Alarms("ent.demo1", $"status=Open&enterpriseId={app.Chemicals}&point=ALM-H-1");
        var alarm = Assert.Single(open);
        Assert.Equal("High", alarm.GetProperty("level").GetString());
        Assert.Equal(8.0, alarm.GetProperty("value").GetDouble());
        var id = alarm.GetProperty("id").GetGuid();

        // In scope only.
        Assert.Empty(await app.Alarms("town.anting", "point=ALM-H-1"));
        Assert.Single(await app.Alarms("town.nanxiang", "point=ALM-H-1"));
        Assert.Empty(await app.Alarms("dept.construction", "point=ALM-H-1"));
        await app.As("town.anting", s => { s.Post.Json(new { }).ToUrl($"/api/alarms/{id}/acknowledge"); s.StatusCodeShouldBe(404); });
        await app.As("auditor", s => { s.Post.Json(new { }).ToUrl($"/api/alarms/{id}/acknowledge"); s.StatusCodeShouldBe(403); });

        // Stale If-Match → 409; the right one → acknowledged.
        await app.As("ent.demo1", s => { s.Post.Json(new { remarks = "x" }).ToUrl($"/api/alarms/{id}/acknowledge"); s.WithRequestHeader("If-Match", "\"7\""); s.StatusCodeShouldBe(409); });
        var acknowledged = await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { remarks = "已安排人员现场处置" }).ToUrl($"/api/alarms/{id}/acknowledge");
            s.WithRequestHeader("If-Match", "\"1\"");
        });
        Assert.Equal("\"2\"", acknowledged.Context.Response.Headers.ETag.ToString());
        await app.As("ent.demo1", s => { s.Post.Json(new { }).ToUrl($"/api/alarms/{id}/acknowledge"); s.StatusCodeShouldBe(409); });

        // Still above the line (within the deadband): cannot be resolved yet.
        var early = (await app.As("town.nanxiang", s => { s.Post.Json(new { }).ToUrl($"/api/alarms/{id}/resolve"); s.StatusCodeShouldBe(409); })).ShouldBeProblem(409);
        Assert.Contains("恢复正常", early.GetProperty("detail").GetString());

        // Back below 7.5, then resolved.
        await app.Send(key, MonitoringFixture.Readings("ALM-H-1", Start.AddMinutes(1), 7.4));
        var resolved = await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { remarks = "液位已恢复正常" }).ToUrl($"/api/alarms/{id}/resolve");
            s.WithRequestHeader("If-Match", "\"2\"");
        });
        Assert.Equal("Resolved", resolved.Json().GetProperty("status").GetString());
        var view = (await app.As("ent.demo1", s => s.Get.Url($"/api/alarms/{id}"))).Json();
        Assert.Equal("南翔镇安监 张明", view.GetProperty("resolvedBy").GetProperty("name").GetString());

        // A new crossing after the resolve opens a new alarm.
        await app.Send(key, MonitoringFixture.Readings("ALM-H-1", Start.AddMinutes(2), 8.3));
        var again = Assert.Single(await app.Alarms("ent.demo1", "status=Open&point=ALM-H-1"));
        Assert.NotEqual(id, again.GetProperty("id").GetGuid());
        Assert.Equal(2, (await app.Alarms("ent.demo1", "point=ALM-H-1")).Count);
    }

    [Fact]
    public async Task one_open_alarm_per_point_and_threshold_across_batches_and_each_is_an_event_stream_raised_by_its_device()
    {
        var (device, key) = await app.SensorFor("ALM-S-1");
        await app.Send(key, MonitoringFixture.Readings("ALM-S-1", Start, 9.5));        // High and HighHigh
        await app.Send(key, MonitoringFixture.Readings("ALM-S-1", Start.AddMinutes(1), 5.0, 9.6, 5.0, 9.7)); // unresolved: no new ones
        await app.Send(key, MonitoringFixture.Readings("ALM-S-1", Start.AddMinutes(2), 0.5)); // Low and LowLow
        var alarms = await app.Alarms("ent.demo1", "point=ALM-S-1");
        Assert.Equal(["High", "HighHigh", "Low", "LowLow"], alarms.Select(a => a.GetProperty("level").GetString()!).Order());

        await using var session = app.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(alarms[0].GetProperty("id").GetGuid());
        var raised = Assert.IsType<AlarmRaised>(Assert.Single(events).Data);
        Assert.Equal(device, raised.By.Id);
        Assert.Equal(app.Chemicals, raised.By.OrganisationId);
    }
}
