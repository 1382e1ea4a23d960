using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;
using Npgsql;

namespace AnJiaXing.IntegrationTests.Monitoring;

public class when_devices_send_telemetry(MonitoringFixture app) : IClassFixture<MonitoringFixture>
{
    private static DateTimeOffset Now => DateTimeOffset.UtcNow.AddMinutes(-10);

    [Fact]
    public async Task a_sensor_key_is_shown_once_stored_hashed_and_a_replay_does_not_reveal_it()
    {
        await app.RegisterSource("ent.demo1", MonitoringFixture.Source(app.Chemicals, MonitoringFixture.Point("TEL-K-1")));
        var body = new { enterpriseId = app.Chemicals, kind = "Sensor", name = "液位计", monitoringPointCodes = new[] { "TEL-K-1" } };
        Action<Scenario> register = s =>
        {
            s.Post.Json(body).ToUrl("/api/devices");
            s.WithRequestHeader(IdempotentCreate.Header, "device-TEL-K-1");
            s.StatusCodeShouldBe(201);
        };
        var first = (await app.As("ent.demo1", register)).Json();
        var key = first.GetProperty("deviceKey").GetString()!;
        Assert.StartsWith("ajx1.", key);

        var replay = await app.As("ent.demo1", register);
        Assert.Equal("true", replay.Context.Response.Headers[IdempotentCreate.ReplayedHeader].ToString());
        Assert.Equal(first.GetProperty("id").GetGuid(), replay.Json().GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.Null, replay.Json().GetProperty("deviceKey").ValueKind);

        // Neither the credential, nor the events, nor the idempotency record hold the secret.
        var secret = key.Split('.')[2];
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from (select data::text d from anjiaxing.mt_doc_devicecredential union all select data::text from anjiaxing.mt_events " +
            "union all select data::text from anjiaxing.mt_doc_idempotencyrecord) x where d like '%' || $1 || '%'", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = secret });
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);

        await app.Send(key, MonitoringFixture.Readings("TEL-K-1", Now, 5.0, 5.1, 5.2));
        var readings = (await app.As("ent.demo1", s => s.Get.Url($"/api/monitoring-points/TEL-K-1/readings?from={Uri.EscapeDataString(Now.AddMinutes(-1).ToString("O"))}"))).Json();
        Assert.Equal([5.0, 5.1, 5.2], readings.GetProperty("readings").EnumerateArray().Select(r => r.GetProperty("value").GetDouble()));
        Assert.Equal("m", readings.GetProperty("unit").GetString());
        await app.As("town.anting", s => { s.Get.Url("/api/monitoring-points/TEL-K-1/readings"); s.StatusCodeShouldBe(404); });
    }

    [Fact]
    public async Task a_missing_bad_or_revoked_key_is_401_and_nothing_is_stored()
    {
        var (device, key) = await app.SensorFor("TEL-R-1");
        var batch = JsonSerializer.Serialize(MonitoringFixture.Readings("TEL-R-1", Now, 9.5));
        var wrongSecret = key[..^4] + (key.EndsWith("AAAA") ? "BBBB" : "AAAA");
        foreach (var bad in new[] { null, "", "nonsense", wrongSecret, $"ajx1.{Guid.NewGuid():N}.{key.Split('.')[2]}" })
            (await app.Send(bad, batch, 401)).ShouldBeProblem(401);
        Assert.Equal(0, await app.StoredReadings("TEL-R-1"));

        await app.Send(key, MonitoringFixture.Readings("TEL-R-1", Now, 5.0));
        var revoked = await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { reason = "设备更换" }).ToUrl($"/api/devices/{device}/revoke-key");
            s.WithRequestHeader("If-Match", "\"1\"");
        });
        Assert.Equal(2, revoked.Json().GetProperty("version").GetInt64());
        (await app.Send(key, JsonSerializer.Serialize(MonitoringFixture.Readings("TEL-R-1", Now.AddMinutes(1), 9.5)), 401)).ShouldBeProblem(401);
        Assert.Equal(1, await app.StoredReadings("TEL-R-1"));
        Assert.Empty(await app.Alarms("ent.demo1", "point=TEL-R-1"));
    }

    [Fact]
    public async Task malformed_telemetry_is_400_and_nothing_is_stored()
    {
        var (_, key) = await app.SensorFor("TEL-M-1");
        var good = new { point = "TEL-M-1", value = 9.5, at = Now };
        string J(params object[] items) => JsonSerializer.Serialize(items);
        var cases = new (string Body, string Field)[]
        {
            ("not json", "body"),
            ("{\"point\":\"TEL-M-1\",\"value\":1}", "body"),
            ("[]", "body"),
            (J(good, new { point = "TEL-M-1", at = Now.AddSeconds(1) }), "[1].value"),
            (J(good, new { point = "TEL-M-1", value = "9.6", at = Now.AddSeconds(1) }), "body"),
            (J(good, new { point = "OTHER-POINT", value = 1.0, at = Now.AddSeconds(1) }), "[1].point"),
            (J(good, new { point = "TEL-M-1", value = 1.0, at = DateTimeOffset.UtcNow.AddHours(1) }), "[1].at"),
            (J(good, new { point = "TEL-M-1", value = 1.0, at = DateTimeOffset.UtcNow.AddDays(-40) }), "[1].at"),
            (J(good, good), "[1].at"),
            (J(good, new { point = "TEL-M-1", value = 1.0 }), "[1].at"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = (await app.Send(key, body, 400)).ShouldBeProblem(400);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{body} → {problem}");
        }
        Assert.Equal(0, await app.StoredReadings("TEL-M-1"));
        Assert.Empty(await app.Alarms("ent.demo1", "point=TEL-M-1"));
    }

    [Fact]
    public async Task a_resent_batch_stores_each_reading_once()
    {
        var (_, key) = await app.SensorFor("TEL-D-1");
        var batch = MonitoringFixture.Readings("TEL-D-1", Now, 5.0, 5.1);
        await app.Send(key, batch);
        await app.Send(key, batch.Append(new { point = "TEL-D-1", value = 5.2, at = Now.AddSeconds(2) }).ToArray());
        Assert.Equal(3, await app.StoredReadings("TEL-D-1"));
    }

    [Fact]
    public async Task partitions_are_made_ahead_and_on_demand_and_old_days_are_detachable()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var partitions = await app.Table.PartitionsAsync(CancellationToken.None);
        Assert.Contains(today.AddDays(ReadingsMaintenance.DaysAhead), partitions);

        var (_, key) = await app.SensorFor("TEL-P-1");
        var old = new DateTimeOffset(today.AddDays(-12).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        await app.Send(key, MonitoringFixture.Readings("TEL-P-1", old, 5.0));
        Assert.Contains(today.AddDays(-12), await app.Table.PartitionsAsync(CancellationToken.None));

        var detached = await app.Table.DetachOlderThanAsync(today.AddDays(-11), CancellationToken.None);
        Assert.Contains(ReadingsTable.PartitionName(today.AddDays(-12)), detached);
        Assert.Equal(0, await app.StoredReadings("TEL-P-1"));
        Assert.DoesNotContain(today.AddDays(-12), await app.Table.PartitionsAsync(CancellationToken.None));
    }
}
