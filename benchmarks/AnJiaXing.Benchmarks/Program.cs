using System.Diagnostics;
using Marten;
using Npgsql;

// Ledger scale benchmark (issue 6): loads N hazard events through the real append path (Marten + the ledger
// trigger), then measures audit-by-actor and verify-one-stream latency and whole-ledger verify throughput.
// Usage: ANJIAXING_BENCH_CONNECTION="Host=…;Database=…" dotnet run -c Release --project benchmarks/AnJiaXing.Benchmarks -- [events]
// scripts/bench.sh starts a throwaway local PostgreSQL and runs this.
// `town-id NAME`: the id of a demo town (derived from its name), for AnJiaXing:Tenancy:Towns (scripts/scale.sh, TOWNS).
if (args is ["town-id", var townName])
{
    Console.WriteLine(AnJiaXing.Platform.Demo.DemoDistrict.OrganisationId(townName));
    return 0;
}
var connection = Environment.GetEnvironmentVariable("ANJIAXING_BENCH_CONNECTION")
                 ?? throw new InvalidOperationException("Set ANJIAXING_BENCH_CONNECTION.");
// `stats [events]`: the statistics endpoints benchmark (issue 7), on a database of its own.
if (args is ["stats", ..]) return await StatisticsBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 1_000_000, connection);
// `rebuild [events]`: the statistics projections rebuilt against a raw COPY of the same events (issue 12, goal 2).
if (args is ["rebuild", ..]) return await RebuildBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 200_000, connection);
// `monitoring [seconds]`: telemetry ingest with threshold evaluation vs a raw COPY, and a day of readings read (issue 16).
if (args is ["monitoring", ..]) return await MonitoringBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 300, connection);
// Issue 12 (benchmarks/run.sh drives these): the one-INSERT baseline service, the mixed workload, daemon lag, replay.
if (args is ["raw-server", var rawUrl]) return await PlatformBenchmark.RawServerAsync(rawUrl, connection);
if (args is ["mixed", var mixedUrl, var mixedSeconds]) return await PlatformBenchmark.MixedAsync(mixedUrl, int.Parse(mixedSeconds));
if (args is ["lag", var lagUrl, var lagRate, var lagSeconds])
    return await PlatformBenchmark.LagAsync(lagUrl, double.Parse(lagRate, System.Globalization.CultureInfo.InvariantCulture), int.Parse(lagSeconds), connection);
if (args is ["replay"]) return await PlatformBenchmark.ReplayAsync(connection);
// `replay-profile`: where a replay's time goes, part by part, on the stream a `replay` run left (issue 12, goal 4).
if (args is ["replay-profile"]) return await ReplayProfile.RunAsync(connection);
if (args is ["rebuild-probe", var probeTotal, ..]) return await RebuildProbe.RunAsync(int.Parse(probeTotal), connection, args[2..]);
// `soak URL RATE SECONDS MARKS`: the soak under faults (issue 11); scripts/soak.sh drives it and does the killing.
if (args is ["soak", var soakUrl, var soakRate, var soakSeconds, var marks])
    return await PlatformBenchmark.SoakAsync(soakUrl, double.Parse(soakRate, System.Globalization.CultureInfo.InvariantCulture), int.Parse(soakSeconds), marks, connection);
var total = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;

var builder = BenchmarkHost.Builder(connection);
await using var app = await BenchmarkHost.StartAsync(builder);
var store = app.Services.GetRequiredService<IDocumentStore>();

const int EventsPerStream = 10;
const int Actors = 200;
var actors = Enumerable.Range(0, Actors)
    .Select(i => new Actor(Guid.CreateVersion7(), $"检查员{i:000}", Role.ThirdPartyInspector, Guid.CreateVersion7(), "南翔镇")).ToArray();
var streams = new List<Guid>();

long existing;
await using (var probe = store.QuerySession())
    existing = await probe.Events.QueryAllRawEvents().CountAsync();
Console.WriteLine($"Events already stored: {existing:N0}; loading {Math.Max(0, total - existing):N0} more");

var load = Stopwatch.StartNew();
var random = new Random(42);
for (long loaded = existing; loaded < total;)
{
    await using var session = store.LightweightSession();
    for (var s = 0; s < 500 && loaded < total; s++)
    {
        var id = Guid.CreateVersion7();
        var enterprise = Guid.CreateVersion7();
        streams.Add(id);
        var events = new List<object>
        {
            new HazardReported(id, enterprise, "基准企业", Guid.Empty, "南翔镇", IndustryDomain.IndustryAndTrade, HazardLevel.General,
                HazardCategory.Fire, "基准隐患", null, null, null, HazardSource.QuickCheck, null, null, null, [], DateTimeOffset.UtcNow,
                actors[random.Next(Actors)])
        };
        for (var v = 1; v < EventsPerStream; v++)
            events.Add(new DeadlineExtended(id, enterprise, DateTimeOffset.UtcNow.AddDays(v), DateTimeOffset.UtcNow.AddDays(v + 1), "基准", actors[random.Next(Actors)]));
        session.Events.StartStream<HazardView>(id, events.ToArray());
        loaded += events.Count;
    }
    await session.SaveChangesAsync();
}
Console.WriteLine($"Loaded in {load.Elapsed.TotalSeconds:N1} s");

if (streams.Count == 0)
{
    await using var conn = new NpgsqlConnection(connection);
    await conn.OpenAsync();
    await using var cmd = new NpgsqlCommand("select stream_id from anjiaxing.ledger_entries where version = 1 order by random() limit 1000", conn);
    await using var reader = await cmd.ExecuteReaderAsync();
    while (await reader.ReadAsync()) streams.Add(reader.GetGuid(0));
}

await using (var conn = new NpgsqlConnection(connection))
{
    await conn.OpenAsync();
    await using var analyze = new NpgsqlCommand("analyze anjiaxing.ledger_entries; analyze anjiaxing.mt_events;", conn);
    await analyze.ExecuteNonQueryAsync();
}

var trail = app.Services.GetRequiredService<AuditTrail>();
var actorIds = await DistinctActorsAsync(connection);
var auditTimes = await MeasureAsync(300, async i =>
    await trail.QueryAsync(new AuditFilter(actorIds[i % actorIds.Count], null, null, null, null, null, null), 0, 50, CancellationToken.None));

var verifier = new LedgerVerifier(() => new NpgsqlConnection(connection));
var verifyTimes = await MeasureAsync(300, async i =>
    await verifier.VerifyAsync(streams[random.Next(streams.Count)], null, new LedgerTrust([]), CancellationToken.None));

var whole = Stopwatch.StartNew();
var result = await verifier.VerifyAsync(null, null, new LedgerTrust([]), CancellationToken.None);
whole.Stop();

Console.WriteLine($"""

    Ledger benchmark ({result.EventsChecked:N0} events, {result.StreamsChecked:N0} streams, {Environment.ProcessorCount} cores)
    audit-by-actor (page of 50, newest first): p50 {P(auditTimes, 50):N2} ms, p95 {P(auditTimes, 95):N2} ms, max {auditTimes.Max():N2} ms
    verify one stream ({EventsPerStream} events): p50 {P(verifyTimes, 50):N2} ms, p95 {P(verifyTimes, 95):N2} ms
    verify whole ledger: {whole.Elapsed.TotalSeconds:N1} s, {result.EventsChecked / whole.Elapsed.TotalSeconds:N0} events/s, ok = {result.Ok}
    """);
await app.StopAsync();
return result.Ok ? 0 : 1;

static double P(List<double> values, int percentile)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
}

static async Task<List<double>> MeasureAsync(int runs, Func<int, Task> action)
{
    for (var i = 0; i < 10; i++) await action(i); // warm-up
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var sw = Stopwatch.StartNew();
        await action(i);
        times.Add(sw.Elapsed.TotalMilliseconds);
    }
    return times;
}

static async Task<List<Guid>> DistinctActorsAsync(string connection)
{
    await using var conn = new NpgsqlConnection(connection);
    await conn.OpenAsync();
    await using var cmd = new NpgsqlCommand("select distinct actor_id from anjiaxing.ledger_entries where actor_id is not null limit 500", conn);
    var list = new List<Guid>();
    await using var reader = await cmd.ExecuteReaderAsync();
    while (await reader.ReadAsync()) list.Add(reader.GetGuid(0));
    return list;
}
