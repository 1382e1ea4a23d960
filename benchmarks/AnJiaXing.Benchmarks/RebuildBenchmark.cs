using System.Diagnostics;
using System.Text.Json;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Npgsql;
using Wolverine.Marten;

/// <summary>
/// Rebuild throughput of the statistics projections (issue 12, goal 2), with the raw read of the same events as the
/// baseline in the same run: the demo district and N hazard events (as in <see cref="StatisticsBenchmark"/>), the
/// daemon caught up (the live documents), then — daemon paused — a binary COPY of <c>mt_events</c> in sequence order,
/// then Marten's daemon rebuilds <c>ScopeStatistics</c> four times (without and with its declared event types, ABBA),
/// once more and <c>AccountActivity</c>; every rebuilt result is compared with the live statistics and account activity. Usage: <c>scripts/bench.sh rebuild [events]</c>.
/// </summary>
public static class RebuildBenchmark
{
    public static async Task<int> RunAsync(int total, string connection)
    {
        var builder = BenchmarkHost.Builder(connection, demoData: true);
        await using var app = await BenchmarkHost.StartAsync(builder);
        var store = app.Services.GetRequiredService<IDocumentStore>();

        var load = Stopwatch.StartNew();
        var loaded = await StatisticsBenchmark.LoadAsync(store, total);
        Console.WriteLine($"Loaded {loaded:N0} hazard events in {load.Elapsed.TotalSeconds:N1} s");
        var catchUp = Stopwatch.StartNew();
        await app.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(60));
        var caughtUp = catchUp.Elapsed;
        var live = await StatisticsJsonAsync(store);
        var liveActivity = await ActivityAsync(store);

        // The rebuild must have the shard to itself: Wolverine owns the shards (ADR 0029), so pause its agents.
        await app.PauseThenCatchUpOnMartenDaemonActivityAsync(CatchUpMode.AndDoNothing);

        long events;
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync();
            await using (var analyze = new NpgsqlCommand("vacuum analyze anjiaxing.mt_events", conn)) await analyze.ExecuteNonQueryAsync();
            await using (var count = new NpgsqlCommand("select count(*) from anjiaxing.mt_events", conn)) events = (long)(await count.ExecuteScalarAsync())!;
        }
        var raw = await RawReadAsync(connection); // warm-up: the same pages in the buffer cache as the rebuild will find
        raw = await RawReadAsync(connection);

        // Before and after in the same run, in the order before, after, after, before, so that what drifts during the
        // run (dead rows of the previous rebuilds, the load of the machine) falls on both alike: every event type
        // loaded (the projection as registered before it declared its types), then only the declared ones.
        var declared = Source(store, ScopeStatisticsProjection.ProjectionTitle);
        var types = declared.IncludedEventTypes.ToArray();
        var timings = new List<(bool Filtered, TimeSpan Time, bool Equal)>();
        foreach (var filtered in new[] { false, true, true, false })
        {
            declared.IncludedEventTypes.Clear();
            if (filtered) declared.IncludedEventTypes.AddRange(types);
            var sw = Stopwatch.StartNew();
            using (var run = await store.BuildProjectionDaemonAsync())
                await run.RebuildProjectionAsync(ScopeStatisticsProjection.ProjectionTitle, TimeSpan.FromMinutes(30), CancellationToken.None);
            sw.Stop();
            timings.Add((filtered, sw.Elapsed, await StatisticsJsonAsync(store) == live));
        }
        declared.IncludedEventTypes.Clear();
        declared.IncludedEventTypes.AddRange(types);

        using var daemon = await store.BuildProjectionDaemonAsync();
        var statistics = Stopwatch.StartNew();
        await daemon.RebuildProjectionAsync(ScopeStatisticsProjection.ProjectionTitle, TimeSpan.FromMinutes(30), CancellationToken.None);
        statistics.Stop();
        var activity = Stopwatch.StartNew();
        await daemon.RebuildProjectionAsync(AccountActivityProjection.Name, TimeSpan.FromMinutes(30), CancellationToken.None);
        activity.Stop();
        var rebuilt = await StatisticsJsonAsync(store);
        var rebuiltActivity = await ActivityAsync(store);
        long declaredEvents;
        await using (var session = store.QuerySession())
            declaredEvents = await session.Events.QueryAllRawEvents().Where(e => e.EventTypesAre(types)).LongCountAsync();

        double Rate(TimeSpan t) => events / t.TotalSeconds;
        var rawRate = events / raw.TotalSeconds;
        var rows = string.Join("\n", timings.Select(t =>
            $"| rebuild ScopeStatistics, {(t.Filtered ? "declared types (after)" : "every event type (before)")}, batches of {ScopeStatisticsProjection.BatchSize:N0} " +
            $"| {t.Time.TotalSeconds:N2} s | {Rate(t.Time):N0} | {Rate(t.Time) / rawRate:N3} |"));
        Console.WriteLine($"""

            Rebuild benchmark: {events:N0} events in mt_events, {Environment.ProcessorCount} cores, load average {LoadAverage()}
            | what | time | events/s | ratio to raw |
            |---|---|---|---|
            | raw binary COPY of mt_events in seq order | {raw.TotalSeconds:N2} s | {rawRate:N0} | 1 |
            {rows}
            | rebuild AccountActivity | {activity.Elapsed.TotalSeconds:N2} s | {Rate(activity.Elapsed):N0} | {Rate(activity.Elapsed) / rawRate:N3} |
            | both, one after the other | {(statistics.Elapsed + activity.Elapsed).TotalSeconds:N2} s | {Rate(statistics.Elapsed + activity.Elapsed):N0} | {Rate(statistics.Elapsed + activity.Elapsed) / rawRate:N3} |
            daemon catch-up of all async projections after the load: {caughtUp.TotalSeconds:N1} s
            events of the declared types: {declaredEvents:N0} of {events:N0} ({100.0 * declaredEvents / events:N1} %)
            rebuilt statistics equal the live daemon's: {live == rebuilt} (each ScopeStatistics rebuild above: {string.Join(", ", timings.Select(t => t.Equal))}; {live.Length:N0} characters of JSON)
            rebuilt account activity equals the live daemon's: {liveActivity == rebuiltActivity} ({liveActivity.Rows:N0} AccountActiveDay rows)
            """);
        await app.StopAsync();
        return live == rebuilt && timings.All(t => t.Equal) && liveActivity == rebuiltActivity ? 0 : 1;
    }

    /// <summary>A registered projection as the daemon builds its shards from it (its batch size and event types are read then).</summary>
    private static ProjectionBase Source(IDocumentStore store, string projection) =>
        ((DocumentStore)store).Options.Projections.All.OfType<ProjectionBase>().Single(p => p.Name == projection);

    private static async Task<string> StatisticsJsonAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        var docs = (await session.Query<ScopeStatistics>().ToListAsync()).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        return JsonSerializer.Serialize(docs);
    }

    /// <summary>The AccountActiveDay rows and a digest of their ids and JSON, as the database holds them.</summary>
    private static async Task<(long Rows, string Digest)> ActivityAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        var rows = await session.QueryAsync<string>(
            "select count(*) || ' ' || coalesce(md5(string_agg(id || '=' || data::text, ',' order by id)), '') from anjiaxing.mt_doc_accountactiveday");
        var parts = rows.Single().Split(' ');
        return (long.Parse(parts[0]), parts[1]);
    }

    /// <summary>Every column of every event, in sequence order, through binary COPY: the floor for anything that reads them.</summary>
    private static async Task<TimeSpan> RawReadAsync(string connection)
    {
        var sw = Stopwatch.StartNew();
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var copy = await conn.BeginRawBinaryCopyAsync("copy (select * from anjiaxing.mt_events order by seq_id) to stdout (format binary)");
        var buffer = new byte[1 << 16];
        while (await copy.ReadAsync(buffer, 0, buffer.Length) > 0) { }
        return sw.Elapsed;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
