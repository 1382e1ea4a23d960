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
        var partitions = await app.Table.PartitionsAsync(app.Store.Storage.Database, CancellationToken.None);
        Assert.Contains(today.AddDays(ReadingsMaintenance.DaysAhead), partitions);

        var (_, key) = await app.SensorFor("TEL-P-1");
        var old = new DateTimeOffset(today.AddDays(-12).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        await app.Send(key, MonitoringFixture.Readings("TEL-P-1", old, 5.0));
        Assert.Contains(today.AddDays(-12), await app.Table.PartitionsAsync(app.Store.Storage.Database, CancellationToken.None));

        var detached = await app.Table.DetachOlderThanAsync(app.Store.Storage.Database, today.AddDays(-11), CancellationToken.None);
        Assert.Contains(ReadingsTable.PartitionName(today.AddDays(-12)), detached);
        Assert.Equal(0, await app.StoredReadings("TEL-P-1"));
        Assert.DoesNotContain(today.AddDays(-12), await app.Table.PartitionsAsync(app.Store.Storage.Database, CancellationToken.None));
    }
}

public class when_reading_a_point_in_buckets(MonitoringFixture app) : IClassFixture<MonitoringFixture>
{
    [Fact]
    public async Task buckets_count_exactly_the_readings_of_the_window_and_a_resent_batch_counts_once()
    {
        var (_, key) = await app.SensorFor("TEL-B-1");
        var now = DateTimeOffset.UtcNow.AddMinutes(-30);
        var origin = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        // 18 readings, one every 20 s from 10 s past a whole minute.
        var readings = Enumerable.Range(0, 18).Select(i => (At: origin.AddSeconds(10 + 20 * i), Value: 3.0 + i % 5 + i / 10.0)).ToList();
        object Body((DateTimeOffset At, double Value) r) => new { point = "TEL-B-1", value = r.Value, at = r.At };
        await app.Send(key, readings.Take(10).Select(Body).ToArray());
        // The second batch repeats five stored readings: the duplicate-skipping path must not count them twice.
        await app.Send(key, readings.Skip(5).Select(Body).ToArray());
        Assert.Equal(18, await app.StoredReadings("TEL-B-1"));

        var from = origin.AddSeconds(30);
        var to = origin.AddMinutes(5).AddSeconds(15);
        string Url(string resolution) =>
            $"/api/monitoring-points/TEL-B-1/readings?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}&resolution={resolution}";
        foreach (var (resolution, minutes) in new[] { ("1m", 1), ("5m", 5) })
        {
            var answer = (await app.As("ent.demo1", s => s.Get.Url(Url(resolution)))).Json();
            Assert.Equal(resolution, answer.GetProperty("resolution").GetString());
            Assert.Equal(0, answer.GetProperty("readings").GetArrayLength());
            var stride = TimeSpan.TicksPerMinute * minutes;
            var expected = readings.Where(r => r.At >= from && r.At < to)
                .GroupBy(r => r.At.UtcTicks - r.At.UtcTicks % stride)
                .OrderBy(g => g.Key)
                .Select(g => (At: new DateTimeOffset(g.Key, TimeSpan.Zero), Count: g.Count(), Min: g.Min(r => r.Value), Max: g.Max(r => r.Value), Avg: g.Average(r => r.Value)))
                .ToList();
            var actual = answer.GetProperty("buckets").EnumerateArray().Select(b => (
                At: b.GetProperty("at").GetDateTimeOffset(), Count: b.GetProperty("count").GetInt32(),
                Min: b.GetProperty("min").GetDouble(), Max: b.GetProperty("max").GetDouble(), Avg: b.GetProperty("avg").GetDouble())).ToList();
            Assert.Equal(expected.Select(e => (e.At, e.Count, e.Min, e.Max)), actual.Select(a => (a.At, a.Count, a.Min, a.Max)));
            Assert.All(expected.Zip(actual), p => Assert.Equal(p.First.Avg, p.Second.Avg, 9));
        }
        Assert.Equal(readings.Count(r => r.At >= from && r.At < to),
            (await app.As("ent.demo1", s => s.Get.Url(Url("raw")))).Json().GetProperty("readings").GetArrayLength());

        // A window inside one minute comes from the readings alone.
        var inner = (await app.As("ent.demo1", s => s.Get.Url(
            $"/api/monitoring-points/TEL-B-1/readings?from={Uri.EscapeDataString(origin.AddSeconds(5).ToString("O"))}&to={Uri.EscapeDataString(origin.AddSeconds(45).ToString("O"))}&resolution=1m"))).Json();
        Assert.Equal([2], inner.GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("count").GetInt32()));

        var problem = (await app.As("ent.demo1", s => { s.Get.Url(Url("7s")); s.StatusCodeShouldBe(400); })).ShouldBeProblem(400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("resolution", out _));
        await app.As("town.anting", s => { s.Get.Url(Url("1m")); s.StatusCodeShouldBe(404); });
    }
}
