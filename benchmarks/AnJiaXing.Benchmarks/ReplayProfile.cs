using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marten;
using Npgsql;

/// <summary>
/// Where a replay's time goes (issue 12, goal 4; docs/benchmarks.md, session 6): on the 1,000-event stream the
/// <c>replay</c> mode leaves behind, the raw baseline and its parts, Marten's 15-column select read by hand, Marten's
/// <c>FetchStreamAsync</c> and <c>AggregateStreamAsync</c>, the fold alone, and the service's <c>StreamReplay</c>,
/// interleaved, 40 timed rounds after 10 of warm-up. Usage: <c>dotnet AnJiaXing.Benchmarks.dll replay-profile</c>
/// with <c>ANJIAXING_BENCH_CONNECTION</c> set to a database a <c>replay</c> run has used.
/// </summary>
public static class ReplayProfile
{
    public static async Task<int> RunAsync(string connection)
    {
        var builder = BenchmarkHost.Builder(connection);
        await using var app = await BenchmarkHost.StartAsync(builder);
        var store = app.Services.GetRequiredService<IDocumentStore>();
        await using var rawSource = NpgsqlDataSource.Create(connection);
        Guid id;
        await using (var c = rawSource.CreateCommand("select stream_id from anjiaxing.mt_events group by stream_id having count(*) = 1000 limit 1"))
            id = await c.ExecuteScalarAsync() as Guid? ?? throw new InvalidOperationException("No 1,000-event stream: run the replay mode first.");
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        var types = new Dictionary<string, Type> { ["hazard_reported"] = typeof(HazardReported), ["deadline_extended"] = typeof(DeadlineExtended) };
        var serializer = store.Options.Serializer();
        const string all = "select data, type, mt_dotnet_type, bdata, seq_id, id, stream_id, version, timestamp, tenant_id, correlation_id, causation_id, headers, user_name, is_archived from anjiaxing.mt_events as d WHERE (d.is_archived = false and d.stream_id = $1) ORDER BY d.seq_id";

        async Task<int> Raw()
        {
            await using var cmd = rawSource.CreateCommand("select type, data from anjiaxing.mt_events where stream_id = $1 order by version");
            cmd.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var r = await cmd.ExecuteReaderAsync();
            var n = 0;
            while (await r.ReadAsync()) if (JsonSerializer.Deserialize(r.GetString(1), types[r.GetString(0)], json) is not null) n++;
            return n;
        }
        async Task<int> RawNoDeser()
        {
            await using var cmd = rawSource.CreateCommand("select type, data from anjiaxing.mt_events where stream_id = $1 order by version");
            cmd.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var r = await cmd.ExecuteReaderAsync();
            var n = 0;
            while (await r.ReadAsync()) { r.GetString(0); r.GetString(1); n++; }
            return n;
        }
        async Task<int> AllCols(bool deser)
        {
            await using var cmd = rawSource.CreateCommand(all);
            cmd.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var r = await cmd.ExecuteReaderAsync();
            var n = 0;
            while (await r.ReadAsync())
            {
                var t = r.GetString(1);
                for (var i = 2; i < 15; i++) if (!r.IsDBNull(i)) r.GetValue(i);
                if (deser) { if (JsonSerializer.Deserialize(r.GetString(0), types[t], json) is not null) n++; }
                else { r.GetString(0); n++; }
            }
            return n;
        }
        async Task<int> RawMartenSerializer()
        {
            await using var cmd = rawSource.CreateCommand("select type, data from anjiaxing.mt_events where stream_id = $1 order by version");
            cmd.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var r = await cmd.ExecuteReaderAsync();
            var n = 0;
            while (await r.ReadAsync()) { var t = types[r.GetString(0)]; if (serializer.FromJson(t, r, 1) is not null) n++; }
            return n;
        }
        async Task<int> Fetch()
        {
            await using var s = store.QuerySession();
            return (await s.Events.FetchStreamAsync(id)).Count;
        }
        async Task<int> Aggregate()
        {
            await using var s = store.QuerySession();
            return (int)(await s.Events.AggregateStreamAsync<HazardView>(id))!.Version;
        }
        IReadOnlyList<JasperFx.Events.IEvent> fetched;
        await using (var s0 = store.QuerySession()) fetched = await s0.Events.FetchStreamAsync(id);
        var aggregator = ((DocumentStore)store).Options.Projections.AggregatorFor<HazardView>();
        async Task<int> FoldOnly()
        {
            await using var s = store.QuerySession();
            return (int)(await aggregator.BuildAsync(fetched, s, null, CancellationToken.None))!.Version;
        }

        var cases = new (string, Func<Task<int>>)[]
        {
            ("raw type,data + STJ (baseline)", Raw), ("raw type,data, no deserialize", RawNoDeser),
            ("raw type,data + Marten serializer", RawMartenSerializer),
            ("Marten's 15 columns, read, no deserialize", () => AllCols(false)), ("Marten's 15 columns + STJ", () => AllCols(true)),
            ("FetchStreamAsync", Fetch), ("AggregateStreamAsync", Aggregate), ("fold of fetched events only", FoldOnly),
            ("StreamReplay.ReplayAsync", async () => { await using var s = store.QuerySession(); return (int)(await s.ReplayAsync<HazardView>(id))!.Version; }),
        };
        var times = cases.ToDictionary(c => c.Item1, _ => new List<double>());
        for (var i = 0; i < 50; i++)
            foreach (var (name, f) in cases)
            {
                var sw = Stopwatch.StartNew();
                var n = await f();
                if (n != 1000) throw new Exception($"{name}: {n}");
                if (i >= 10) times[name].Add(sw.Elapsed.TotalMilliseconds);
            }
        foreach (var (name, _) in cases)
        {
            var sorted = times[name].Order().ToList();
            Console.WriteLine($"PROFILE {name,-45} p50={sorted[sorted.Count / 2],7:F2} ms  min={sorted[0],7:F2} ms");
        }
        await app.StopAsync();
        return 0;
    }
}
