using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Marten.Events.Projections;
using Npgsql;
using Wolverine.Marten;

/// <summary>
/// Where a rebuild's time goes (issue 12, goal 2; docs/benchmarks.md, session 6), on a database of its own that it
/// loads once (N hazard events as the rebuild benchmark does) and reuses: each argument after N is a step, run in
/// order — <c>raw</c> (the binary COPY of <c>mt_events</c>), or a projection's name with an optional <c>:batchSize</c>,
/// rebuilt by Marten's daemon. Besides the registered projections there are <c>Noop</c> (Marten's own cost: load,
/// deserialise, commit progress; it writes nothing) and <c>AccountActivityUpsert</c> (AccountActivity as it was before
/// session 6: one Marten upsert per document, Marten's default batch of 500), both writing to nothing but their own
/// progress and the AccountActiveDay table. Usage: <c>dotnet AnJiaXing.Benchmarks.dll rebuild-probe 100000 raw raw
/// AccountActivityUpsert AccountActivity Noop AccountActivity AccountActivityUpsert</c>.
/// </summary>
public static class RebuildProbe
{
    private sealed class Noop : IProjection
    {
        public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation) => Task.CompletedTask;
    }

    /// <summary>AccountActivityProjection before session 6, for a before/after in the same run and on the same rows.</summary>
    private sealed class AccountActivityUpsert : IProjection
    {
        public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
        {
            var days = new Dictionary<string, AccountActiveDay>();
            foreach (var e in events)
            {
                if (!Guid.TryParse(e.GetHeader(EventMetadataListener.ActorIdHeader)?.ToString(), out var actor) || actor == Actor.System.Id) continue;
                var day = AccountActiveDay.DayNumber(StatisticsCalendar.DayOf(e.Timestamp));
                var id = $"{actor}:{day}";
                days.TryAdd(id, new AccountActiveDay { Id = id, AccountId = actor, Day = day });
            }
            if (days.Count > 0) operations.Store(days.Values.ToArray());
            return Task.CompletedTask;
        }
    }

    public static async Task<int> RunAsync(int total, string connection, string[] plan)
    {
        var builder = BenchmarkHost.Builder(connection, demoData: true);
        builder.Services.ConfigureMarten(o =>
        {
            o.Projections.Add(new Noop(), ProjectionLifecycle.Async, "Noop");
            o.Projections.Add(new AccountActivityUpsert(), ProjectionLifecycle.Async, nameof(AccountActivityUpsert),
                p => p.DeleteViewTypeOnTeardown<AccountActiveDay>());
        });
        await using var app = await BenchmarkHost.StartAsync(builder);
        var store = app.Services.GetRequiredService<IDocumentStore>();
        long events;
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync();
            await using var count = new NpgsqlCommand("select count(*) from anjiaxing.mt_events", conn);
            events = (long)(await count.ExecuteScalarAsync())!;
        }
        if (events < total) await StatisticsBenchmark.LoadAsync(store, total);
        await app.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(60));
        await app.PauseThenCatchUpOnMartenDaemonActivityAsync(CatchUpMode.AndDoNothing);
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync();
            await using (var analyze = new NpgsqlCommand("vacuum analyze", conn)) await analyze.ExecuteNonQueryAsync();
            await using var count = new NpgsqlCommand("select count(*) from anjiaxing.mt_events", conn);
            events = (long)(await count.ExecuteScalarAsync())!;
        }
        foreach (var step in plan)
        {
            var parts = step.Split(':');
            var name = parts[0];
            if (name == "raw")
            {
                var sw0 = Stopwatch.StartNew();
                await using var conn = new NpgsqlConnection(connection);
                await conn.OpenAsync();
                await using (var copy = await conn.BeginRawBinaryCopyAsync("copy (select * from anjiaxing.mt_events order by seq_id) to stdout (format binary)"))
                {
                    var buffer = new byte[1 << 16];
                    while (await copy.ReadAsync(buffer, 0, buffer.Length) > 0) { }
                }
                Console.WriteLine($"PROBE raw COPY {events:N0} events: {sw0.Elapsed.TotalSeconds:N2} s (load {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
                continue;
            }
            if (parts.Length > 1) SetBatchSize(store, name, int.Parse(parts[1]));
            var sw = Stopwatch.StartNew();
            using (var daemon = await store.BuildProjectionDaemonAsync())
                await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(30), CancellationToken.None);
            long rows;
            string digest;
            await using (var conn = new NpgsqlConnection(connection))
            {
                await conn.OpenAsync();
                // The rows' content, so that rebuilds by either write path can be seen to give the same documents.
                await using var count = new NpgsqlCommand(
                    "select count(*), coalesce(left(md5(string_agg(id || '=' || data::text, ',' order by id)), 12), '') from anjiaxing.mt_doc_accountactiveday", conn);
                await using var reader = await count.ExecuteReaderAsync();
                await reader.ReadAsync();
                rows = reader.GetInt64(0);
                digest = reader.GetString(1);
            }
            Console.WriteLine($"PROBE rebuild {step}: {sw.Elapsed.TotalSeconds:N2} s, {events / sw.Elapsed.TotalSeconds:N0} events/s, " +
                              $"{rows:N0} AccountActiveDay rows after it (md5 {digest}) (load {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
        }
        await app.StopAsync();
        return 0;
    }

    private static void SetBatchSize(IDocumentStore store, string projection, int size) =>
        ((DocumentStore)store).Options.Projections.All.OfType<ProjectionBase>().Single(p => p.Name == projection).Options.BatchSize = size;
}
