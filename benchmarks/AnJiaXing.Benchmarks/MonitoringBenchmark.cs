using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;
using Wolverine;

/// <summary>
/// Telemetry benchmark (issue 16). 1,000 monitoring points on 10 sensors (100 points each); each sensor sends one
/// batch per 10 seconds of readings (1,000 rows). The same rows go, in the same run and the same batches, (a) through
/// <see cref="TelemetryIngest"/> — binary COPY plus threshold evaluation, alarm states and alarm streams, one
/// transaction per batch — and (b) as a raw binary COPY into the same table (point codes prefixed "raw-", one
/// transaction per batch). Then one point's day at 1 reading/s (86,400 rows) is read over HTTP as a district admin.
/// Usage: <c>scripts/bench.sh monitoring [seconds]</c> (default 300 → 300,000 rows per path).
/// </summary>
public static class MonitoringBenchmark
{
    private const int Devices = 10;
    private const int PointsPerDevice = 100;
    private const int SecondsPerBatch = 10;

    public static async Task<int> RunAsync(int seconds, string connection)
    {
        var builder = BenchmarkHost.Builder(connection, demoData: true);
        builder.Services.ConfigureWolverine(o => o.ApplicationAssembly = typeof(StatisticsEndpoints).Assembly);
        await using var app = await BenchmarkHost.StartAsync(builder);
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var ingest = app.Services.GetRequiredService<TelemetryIngest>();
        var table = app.Services.GetRequiredService<ReadingsTable>();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var run = Guid.NewGuid().ToString("N")[..6];
        Organisation enterprise;
        await using (var q = store.QuerySession())
            enterprise = (await q.Query<Organisation>().Where(o => o.Kind == OrganisationKind.Enterprise).ToListAsync()).First();
        var devices = new List<DeviceView>();
        await using (var session = store.LightweightSession())
        {
            for (var d = 0; d < Devices; d++)
            {
                var codes = Enumerable.Range(0, PointsPerDevice).Select(p => $"B{run}-{d:00}-{p:000}").ToList();
                devices.Add(new DeviceView
                {
                    Id = Guid.CreateVersion7(), EnterpriseId = enterprise.Id, EnterpriseName = enterprise.Name, TownId = enterprise.TownId ?? Guid.Empty,
                    Domains = [.. enterprise.Domains], Kind = DeviceKind.Sensor, Name = $"基准传感器{d}", MonitoringPointCodes = codes
                });
                foreach (var code in codes.Append($"DAY{run}"))
                    session.Store(new MonitoringPoint
                    {
                        Id = code, SourceId = Guid.Empty, SourceName = "基准储罐区", EnterpriseId = enterprise.Id, EnterpriseName = enterprise.Name,
                        TownId = enterprise.TownId ?? Guid.Empty, Domains = [.. enterprise.Domains], Quantity = "液位", Unit = "m",
                        LowLow = 1, Low = 2, High = 8, HighHigh = 9, Deadband = 0.2
                    });
            }
            await session.SaveChangesAsync();
        }

        // The rows: a random walk around 5 m per point, with a rare spike over the high line.
        var random = new Random(16);
        var start = DateTimeOffset.UtcNow.AddSeconds(-seconds - 60);
        start = start.AddTicks(-(start.Ticks % TimeSpan.TicksPerSecond));
        var batches = new List<(DeviceView Device, List<Reading> Rows)>();
        var level = new Dictionary<string, double>();
        for (var s0 = 0; s0 < seconds; s0 += SecondsPerBatch)
            foreach (var device in devices)
            {
                var rows = new List<Reading>(SecondsPerBatch * PointsPerDevice);
                for (var s = s0; s < Math.Min(seconds, s0 + SecondsPerBatch); s++)
                    foreach (var code in device.MonitoringPointCodes)
                    {
                        var v = level.GetValueOrDefault(code, 5.0) + (random.NextDouble() - 0.5) * 0.1;
                        v = Math.Clamp(v, 3, 7);
                        level[code] = v;
                        rows.Add(new Reading(code, start.AddSeconds(s), random.Next(20_000) == 0 ? 8.5 : v, device.Id));
                    }
                batches.Add((device, rows));
            }
        var total = batches.Sum(b => b.Rows.Count);
        await table.EnsurePartitionsAsync(store.Storage.Database, batches.SelectMany(b => b.Rows).Select(r => DateOnly.FromDateTime(r.At.UtcDateTime)), CancellationToken.None);

        // Warm-up of both paths on rows of their own.
        var warm = batches[0].Rows.Select(r => r with { PointCode = r.PointCode, At = r.At.AddDays(-1) }).ToList();
        await table.EnsurePartitionsAsync(store.Storage.Database, [DateOnly.FromDateTime(warm[0].At.UtcDateTime)], CancellationToken.None);
        await ingest.IngestAsync(batches[0].Device, warm, CancellationToken.None);
        await RawCopyAsync(store, warm.Select(r => r with { PointCode = "raw-" + r.PointCode }).ToList());

        // The paths alternate batch by batch, so a machine shared with other work slows both alike (run one after the
        // other, a burst of load elsewhere during one path skews the ratio).
        var ingestClock = new Stopwatch();
        var copyClock = new Stopwatch();
        var alarms = 0;
        foreach (var (device, rows) in batches)
        {
            var raw = rows.Select(r => r with { PointCode = "raw-" + r.PointCode }).ToList();
            ingestClock.Start();
            alarms += (await ingest.IngestAsync(device, rows, CancellationToken.None)).AlarmsRaised;
            ingestClock.Stop();
            copyClock.Start();
            await RawCopyAsync(store, raw);
            copyClock.Stop();
        }

        // One point's day at one reading per second, read over HTTP.
        var dayStart = DateTimeOffset.UtcNow.Date.AddDays(-1);
        var day = Enumerable.Range(0, 86_400).Select(i => new Reading($"DAY{run}", new DateTimeOffset(dayStart, TimeSpan.Zero).AddSeconds(i), 5 + Math.Sin(i / 600.0), Guid.Empty)).ToList();
        await table.EnsurePartitionsAsync(store.Storage.Database, [DateOnly.FromDateTime(dayStart)], CancellationToken.None);
        await RawCopyAsync(store, day);
        await using (var conn = await ReadingsTable.OpenAsync(store.Storage.Database, CancellationToken.None))
            await Rollup.AddAsync(conn, day, CancellationToken.None);
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync();
            await using var analyze = new NpgsqlCommand($"analyze {ReadingsTable.Qualified};", conn);
            await analyze.ExecuteNonQueryAsync();
        }
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var token = (await (await http.PostAsJsonAsync("/api/auth/token", new { username = "district.admin", password = "Demo#2026" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var url = $"/api/monitoring-points/DAY{run}/readings?from={Uri.EscapeDataString(new DateTimeOffset(dayStart, TimeSpan.Zero).ToString("O"))}" +
                  $"&to={Uri.EscapeDataString(new DateTimeOffset(dayStart.AddDays(1), TimeSpan.Zero).ToString("O"))}";
        var bytes = 0L;
        var httpTimes = await MeasureAsync(100, async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
        });
        // The same day answered in minutes (1,440 buckets from the roll-up), in the same run as the raw answer above.
        var minuteBytes = 0L;
        var minuteTimes = await MeasureAsync(100, async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url + "&resolution=1m");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            minuteBytes = (await response.Content.ReadAsByteArrayAsync()).Length;
        });
        var bucketSqlTimes = await MeasureAsync(100, async () =>
            await ReadingsTable.ReadBucketsAsync(store.Storage.Database, $"DAY{run}", new DateTimeOffset(dayStart, TimeSpan.Zero), new DateTimeOffset(dayStart.AddDays(1), TimeSpan.Zero),
                TimeSpan.FromMinutes(1), CancellationToken.None));
        var sqlTimes = await MeasureAsync(100, async () =>
            await ReadingsTable.ReadAsync(store.Storage.Database, $"DAY{run}", new DateTimeOffset(dayStart, TimeSpan.Zero), new DateTimeOffset(dayStart.AddDays(1), TimeSpan.Zero), 100_001, CancellationToken.None));

        var ingestRate = total / ingestClock.Elapsed.TotalSeconds;
        var copyRate = total / copyClock.Elapsed.TotalSeconds;
        Console.WriteLine($"""

            Monitoring benchmark: {Devices * PointsPerDevice:N0} points, {total:N0} rows per path in {batches.Count} batches of {SecondsPerBatch * PointsPerDevice:N0}, {Environment.ProcessorCount} cores
            | path | time s | rows/s |
            |---|---|---|
            | ingest with threshold evaluation ({alarms} alarms raised) | {ingestClock.Elapsed.TotalSeconds:N2} | {ingestRate:N0} |
            | raw binary COPY, same rows, same table | {copyClock.Elapsed.TotalSeconds:N2} | {copyRate:N0} |
            | ratio ingest / raw | {ingestRate / copyRate:N2} | |
            one point's day (86,400 readings, {bytes / 1024.0 / 1024.0:N1} MB JSON) over HTTP: p50 {P(httpTimes, 50):N1} ms, p95 {P(httpTimes, 95):N1} ms, max {httpTimes.Max():N1} ms
            the same, SQL read only: p50 {P(sqlTimes, 50):N1} ms, p95 {P(sqlTimes, 95):N1} ms
            the same day at resolution=1m (1,440 buckets, {minuteBytes / 1024.0:N1} KB JSON) over HTTP: p50 {P(minuteTimes, 50):N1} ms, p95 {P(minuteTimes, 95):N1} ms, max {minuteTimes.Max():N1} ms
            the same, SQL read only (ReadBucketsAsync): p50 {P(bucketSqlTimes, 50):N1} ms, p95 {P(bucketSqlTimes, 95):N1} ms
            """);
        await app.StopAsync();
        return 0;
    }

    private static async Task RawCopyAsync(IDocumentStore store, List<Reading> rows)
    {
        await using var connection = await ReadingsTable.OpenAsync(store.Storage.Database, CancellationToken.None);
        await using var tx = await connection.BeginTransactionAsync();
        await ReadingsTable.CopyAsync(connection, rows, CancellationToken.None);
        await tx.CommitAsync();
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    private static async Task<List<double>> MeasureAsync(int runs, Func<Task> action)
    {
        for (var i = 0; i < 5; i++) await action();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            await action();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        return times;
    }
}
