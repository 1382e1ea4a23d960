using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

/// <summary>
/// The soak under faults (issue 11, docs/reliability.md); <c>scripts/soak.sh</c> drives it and kills PostgreSQL and the
/// service with -9 while it runs. Mode <c>soak URL RATE SECONDS MARKS</c>: hazards walked through report → assign →
/// rectify → recheck at RATE commands per second (open loop: a flow starts every 4/RATE s whatever the answers), reads
/// by the town, a department and the district in between. Every command is retried until it is answered: the report
/// with its Idempotency-Key, the transitions with <c>If-Match</c> on the version the previous step answered — so a
/// retry of a transition that did commit is a 409, and the client then reads the hazard to learn whether its own
/// attempt is the one that committed. Afterwards, against the database: every acknowledged write is in the event store
/// (lost), no stream has an event the client did not acknowledge and no report was stored twice (duplicated), the
/// read model and the statistics agree with the events, and the 5xx answers seen outside the outages the script
/// recorded in MARKS (lines "pg-kill|pg-ready|svc-kill|svc-ready &lt;unix seconds&gt;").
/// </summary>
public static partial class PlatformBenchmark
{
    /// <summary>A write the service confirmed: its event of type <c>Step</c> lies in (FromVersion, Version] — a town's recheck also closes.</summary>
    private sealed record Acked(Guid Hazard, string Step, long FromVersion, long Version, string Status, bool Reconciled);

    /// <summary>0 in the answer: no answer for 3 minutes (the write's fate is then settled by the checks).</summary>
    public static async Task<int> SoakAsync(string baseUrl, double rate, int seconds, string marksFile, string connection)
    {
        // baseUrl may name several nodes (comma-separated): requests go round them, and a retry to the next (scripts/scale.sh).
        using var http = Nodes.Client(baseUrl, new SocketsHttpHandler { MaxConnectionsPerServer = 64, ConnectTimeout = TimeSpan.FromSeconds(2) },
            TimeSpan.FromSeconds(15));
        // SOAK_ENTERPRISES (comma-separated accounts, default ent.demo1): the flows go round them, so with enterprises of
        // several towns every town's database is written (scripts/scale.sh with TOWNS). A town's own supervisor
        // rechecks where the demo has one; elsewhere the enterprise designates its own rechecker.
        var enterprises = new List<Account>();
        foreach (var name in (Environment.GetEnvironmentVariable("SOAK_ENTERPRISES") ?? "ent.demo1").Split(',', StringSplitOptions.RemoveEmptyEntries))
            enterprises.Add(await SignInAsync(http, name));
        var towns = new[] { await SignInAsync(http, "town.nanxiang"), await SignInAsync(http, "town.anting") };
        // SOAK_TOWN_CONNECTIONS ('|'-separated): the towns' own databases, whose events are the truth the district's copies are checked against.
        var townConnections = (Environment.GetEnvironmentVariable("SOAK_TOWN_CONNECTIONS") ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries);
        var department = await SignInAsync(http, "dept.emergency");
        var district = await SignInAsync(http, "district.admin");
        // The district's figures before the soak, once what was written before it (the peak measurements) has reached
        // them: with town databases its copies arrive a little later than the towns' own events.
        await using var source = NpgsqlDataSource.Create(connection);
        var townSources = townConnections.Select(c => NpgsqlDataSource.Create(c)).ToList();
        foreach (var town in townSources) await WaitForDaemonAsync(town, TimeSpan.FromMinutes(3));
        await WaitForDaemonAsync(source, TimeSpan.FromMinutes(3));
        var before = await StatusCountsAsync(http, district);

        var run = $"soak{DateTime.UtcNow:HHmmss}";
        var acked = new ConcurrentBag<Acked>();
        var reports = new ConcurrentDictionary<string, Guid>(); // description (unique per flow) → acknowledged id
        var fivexx = new ConcurrentBag<(double At, string Step, int Status)>();
        var transport = 0;
        var refused = new ConcurrentBag<string>();
        var inDoubt = new ConcurrentDictionary<Guid, bool>(); // a transition that never got an answer: it may have committed
        var readsOk = 0;
        var readsFailed = 0;
        static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

        // Sends until there is an answer that is not a fault of the moment (5xx, 429, no connection, a timeout).
        async Task<(HttpStatusCode Status, JsonElement Body, bool Ambiguous)> Send(string step, Func<HttpRequestMessage> make)
        {
            var ambiguous = false;
            var giveUp = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    using var response = await http.SendAsync(make());
                    var text = await response.Content.ReadAsStringAsync();
                    var code = (int)response.StatusCode;
                    if (code >= 500 || code == 429)
                    {
                        if (code >= 500) fivexx.Add((Now(), step, code));
                        // A 503 from the service means it rolled back; a 502/504 from no one here; still ambiguous for safety.
                        ambiguous |= code != 503;
                        var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                        await Task.Delay(wait > TimeSpan.FromSeconds(3) ? TimeSpan.FromSeconds(3) : wait);
                    }
                    else
                        return (response.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default, ambiguous);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // The request may or may not have reached the service before the connection broke.
                    Interlocked.Increment(ref transport);
                    ambiguous = true;
                    await Task.Delay(500);
                }
                if (giveUp.Elapsed > TimeSpan.FromMinutes(3)) return ((HttpStatusCode)0, default, ambiguous);
            }
        }

        async Task Read(string name, PlatformBenchmark.Account who, string url)
        {
            try
            {
                using var response = await http.SendAsync(Request(HttpMethod.Get, url, who));
                if ((int)response.StatusCode >= 500) fivexx.Add((Now(), name, (int)response.StatusCode));
                if (response.IsSuccessStatusCode) Interlocked.Increment(ref readsOk); else Interlocked.Increment(ref readsFailed);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref readsFailed);
            }
        }

        // One transition with If-Match; a 409 after an ambiguous attempt is resolved by reading the hazard.
        async Task<(long Version, string Status)?> Transition(string step, Guid id, long version, string path, PlatformBenchmark.Account who,
            object body, string expectedType)
        {
            var (status, answer, ambiguous) = await Send(step, () =>
            {
                var request = Request(HttpMethod.Post, $"/api/hazards/{id}/{path}", who, body);
                request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
                return request;
            });
            if (status == HttpStatusCode.OK)
            {
                var v = answer.GetProperty("version").GetInt64();
                var s = answer.GetProperty("status").GetString()!;
                acked.Add(new Acked(id, expectedType, version, v, s, false));
                return (v, s);
            }
            if (status == HttpStatusCode.Conflict && ambiguous)
            {
                var (readStatus, hazard, _) = await Send($"{step} (reconcile)", () => Request(HttpMethod.Get, $"/api/hazards/{id}", who));
                // Only this flow acts on its hazard, so a newer version is our earlier attempt's (its type is checked below).
                if (readStatus == HttpStatusCode.OK && hazard.GetProperty("version").GetInt64() is var now && now > version)
                {
                    var s = hazard.GetProperty("status").GetString()!;
                    acked.Add(new Acked(id, expectedType, version, now, s, true));
                    return (now, s);
                }
            }
            if (status == 0) inDoubt[id] = true;
            refused.Add($"{step} {id}: {(int)status} {answer}");
            return null;
        }

        async Task Flow(int n)
        {
            var enterprise = enterprises[n % enterprises.Count];
            var town = towns.FirstOrDefault(t => t.TownId == enterprise.TownId);
            var description = $"{run}-{n:00000} 消防通道堆放杂物";
            var key = $"{run}-{n}";
            var (status, answer, _) = await Send("report", () =>
            {
                var request = Request(HttpMethod.Post, "/api/hazards", enterprise, new
                {
                    enterpriseId = enterprise.OrganisationId, level = "General", category = "Fire", description, location = "一号仓库",
                    source = "SelfInspection"
                });
                request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
                return request;
            });
            if (status != HttpStatusCode.Created) { refused.Add($"report {n}: {(int)status} {answer}"); return; }
            var id = answer.GetProperty("id").GetGuid();
            reports[description] = id;
            acked.Add(new Acked(id, "hazard_reported", 0, answer.GetProperty("version").GetInt64(), "Reported", false));
            long version = answer.GetProperty("version").GetInt64();

            await Read("read one (enterprise)", enterprise, $"/api/hazards/{id}");
            var assigned = await Transition("assign", id, version, "assign", enterprise,
                new { responsibleUserId = enterprise.Id, deadline = DateTimeOffset.UtcNow.AddDays(7), measures = "清理通道" }, "rectification_assigned");
            if (assigned is null) return;
            await Read("search (town)", town ?? district, "/api/hazards?pageSize=20");
            var rectified = await Transition("rectify", id, assigned.Value.Version, "rectification", enterprise,
                new { description = "已清理" }, "rectification_submitted");
            if (rectified is null) return;
            await Read("search (department)", department, "/api/hazards?pageSize=20");
            var rechecker = town;
            var v = rectified.Value.Version;
            if (rechecker is null)
            {
                var designated = await Transition("designate", id, v, "designate-rechecker", enterprise, new { userId = enterprise.Id },
                    "rechecker_designated");
                if (designated is null) return;
                v = designated.Value.Version;
                rechecker = enterprise;
            }
            await Transition("recheck", id, v, "recheck", rechecker, new { passed = true, remarks = "复查合格" }, "recheck_passed");
            await Read("search (district)", district, "/api/hazards?pageSize=20&status=Rechecked");
        }

        var flowsPerSecond = rate / 4;
        var total = (int)(flowsPerSecond * seconds);
        var clock = Stopwatch.StartNew();
        var flows = new List<Task>();
        Console.Error.WriteLine($"SOAK {total} flows at {flowsPerSecond:F2}/s ({rate:F1} commands/s) for {seconds} s");
        for (var i = 0; i < total; i++)
        {
            var wait = i * 1000.0 / flowsPerSecond - clock.Elapsed.TotalMilliseconds;
            if (wait > 1) await Task.Delay(TimeSpan.FromMilliseconds(wait));
            var n = i;
            flows.Add(Task.Run(() => Flow(n)));
        }
        await Task.WhenAll(flows);
        var elapsed = clock.Elapsed.TotalSeconds;

        // ---- the checks, against the database ----
        var ids = acked.Select(a => a.Hazard).Distinct().ToArray();
        // The towns' daemons first (their copies to the district are a subscription of theirs), then the district's.
        var caughtUp = true;
        foreach (var town in townSources) caughtUp &= await WaitForDaemonAsync(town, TimeSpan.FromMinutes(3));
        caughtUp &= await WaitForDaemonAsync(source, TimeSpan.FromMinutes(3));

        var stored = new Dictionary<(Guid, long), string>();
        var streamLength = new Dictionary<Guid, long>();
        await using (var cmd = source.CreateCommand("select stream_id, version, type from anjiaxing.mt_events where stream_id = any($1)"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = ids });
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var (s, v) = (reader.GetGuid(0), reader.GetInt64(1));
                stored[(s, v)] = reader.GetString(2);
                streamLength[s] = Math.Max(streamLength.GetValueOrDefault(s), v);
            }
        }
        // With town databases: each hazard's events in its town (the truth), against its copy in the district database.
        var townLength = new Dictionary<Guid, long>();
        var inSeveralTowns = 0;
        var townEvents = 0L;
        foreach (var town in townSources)
        {
            await using var cmd = town.CreateCommand(
                "select stream_id, count(*), max(version) from anjiaxing.mt_events where stream_id = any($1) and headers ->> 'origin' is null group by 1");
            cmd.Parameters.Add(new NpgsqlParameter { Value = ids });
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (townLength.ContainsKey(reader.GetGuid(0))) inSeveralTowns++;
                townLength[reader.GetGuid(0)] = reader.GetInt64(2);
                townEvents += reader.GetInt64(1);
            }
        }
        var copyMismatches = townSources.Count == 0 ? 0
            : ids.Count(id => townLength.GetValueOrDefault(id) != streamLength.GetValueOrDefault(id)) + inSeveralTowns;

        var lost = acked.Where(a => !Enumerable.Range((int)a.FromVersion + 1, (int)(a.Version - a.FromVersion))
            .Any(v => stored.GetValueOrDefault((a.Hazard, (long)v)) == a.Step)).ToList();
        var lastAcked = acked.GroupBy(a => a.Hazard).ToDictionary(g => g.Key, g => g.MaxBy(a => a.Version)!);
        // An event beyond the last acknowledged version is one the client never had confirmed: a duplicate or a lost answer.
        // A transition left without an answer may have committed once, never twice.
        var unacknowledged = lastAcked.Sum(h =>
            Math.Max(0, streamLength.GetValueOrDefault(h.Key) - h.Value.Version - (inDoubt.ContainsKey(h.Key) ? 1 : 0)));

        var storedReports = new Dictionary<string, long>();
        await using (var cmd = source.CreateCommand(
                         "select data->>'description', count(*) from anjiaxing.mt_events where type = 'hazard_reported' and data->>'description' like $1 group by 1"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = run + "-%" });
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) storedReports[reader.GetString(0)] = reader.GetInt64(1);
        }
        var duplicatedReports = storedReports.Values.Sum(c => c - 1);
        var reportsNeverAcked = storedReports.Keys.Count(d => !reports.ContainsKey(d));

        // The read model against the events: each hazard's view answers the status and version of its last event.
        var viewMismatches = 0;
        foreach (var (id, last) in lastAcked.Where(h => !inDoubt.ContainsKey(h.Key)))
        {
            using var response = await http.SendAsync(Request(HttpMethod.Get, $"/api/hazards/{id}", district));
            var view = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (!response.IsSuccessStatusCode || view.GetProperty("version").GetInt64() != streamLength.GetValueOrDefault(id)
                                             || view.GetProperty("status").GetString() != last.Status)
                viewMismatches++;
        }
        // The statistics against the events: what the district's counts by status gained is what the soak's hazards became.
        var after = await StatusCountsAsync(http, district);
        var expected = lastAcked.Values.GroupBy(a => a.Status).ToDictionary(g => g.Key, g => g.Count());
        // A hazard whose last transition is in doubt: its status is what the read model answers (checked against its events' count above).
        foreach (var id in inDoubt.Keys)
        {
            using var response = await http.SendAsync(Request(HttpMethod.Get, $"/api/hazards/{id}", district));
            var view = await response.Content.ReadFromJsonAsync<JsonElement>();
            var now = view.GetProperty("status").GetString()!;
            if (now == lastAcked[id].Status) continue;
            expected[lastAcked[id].Status]--;
            expected[now] = expected.GetValueOrDefault(now) + 1;
        }
        var statsMismatches = new List<string>();
        foreach (var status in before.Keys.Union(after.Keys))
        {
            var gained = after.GetValueOrDefault(status) - before.GetValueOrDefault(status);
            if (gained != expected.GetValueOrDefault(status)) statsMismatches.Add($"{status}: +{gained}, events say +{expected.GetValueOrDefault(status)}");
        }

        var marks = File.Exists(marksFile)
            ? File.ReadAllLines(marksFile).Select(l => l.Split(' ')).Where(p => p.Length == 2)
                .Select(p => (Label: p[0], At: double.Parse(p[1], CultureInfo.InvariantCulture))).ToList()
            : [];
        var outages = new List<(double From, double To, string What)>();
        foreach (var kind in new[] { "pg", "svc" })
        {
            var kills = marks.Where(m => m.Label == $"{kind}-kill").Select(m => m.At).ToList();
            var readies = marks.Where(m => m.Label == $"{kind}-ready").Select(m => m.At).ToList();
            // A request in flight when the kill landed may answer a moment later: 2 s of grace after "ready".
            foreach (var kill in kills) outages.Add((kill, readies.Where(r => r > kill).DefaultIfEmpty(double.MaxValue).Min() + 2, kind));
        }
        var outside = fivexx.Where(f => !outages.Any(o => f.At >= o.From && f.At <= o.To)).ToList();

        Console.WriteLine($"SOAK flows={total} commands-acknowledged={acked.Count} (reconciled after an ambiguous attempt: " +
                          $"{acked.Count(a => a.Reconciled)}) refused-or-unanswered={refused.Count} in-doubt={inDoubt.Count} rate={acked.Count / elapsed:F1}/s over {elapsed:F0} s");
        Console.WriteLine($"SOAK reads ok={readsOk} failed={readsFailed} transport-errors={transport} 5xx={fivexx.Count} " +
                          $"5xx-outside-outages={outside.Count}");
        foreach (var o in outages)
            Console.WriteLine($"SOAK outage {o.What}: {o.To - 2 - o.From:F1} s, 5xx in it: {fivexx.Count(f => f.At >= o.From && f.At <= o.To)}");
        Console.WriteLine($"SOAK lost={lost.Count} duplicated-reports={duplicatedReports} stored-but-unacknowledged-reports={reportsNeverAcked} " +
                          $"unacknowledged-events={unacknowledged}");
        Console.WriteLine($"SOAK daemon-caught-up={caughtUp} view-mismatches={viewMismatches} statistics-mismatches={statsMismatches.Count}");
        if (townSources.Count > 0)
            Console.WriteLine($"SOAK towns={townSources.Count} enterprises={enterprises.Count} town-events={townEvents} " +
                              $"district-copies={stored.Count} copy-mismatches={copyMismatches} in-several-towns={inSeveralTowns}");
        foreach (var l in lost.Take(10)) Console.Error.WriteLine($"LOST {l}");
        foreach (var r in refused.Take(10)) Console.Error.WriteLine($"REFUSED {r}");
        foreach (var f in outside.Take(10)) Console.Error.WriteLine($"5XX {f.Step} {f.Status} at {f.At:F1}");
        foreach (var m in statsMismatches) Console.Error.WriteLine($"STATS {m}");
        foreach (var town in townSources) await town.DisposeAsync();
        return lost.Count == 0 && duplicatedReports == 0 && unacknowledged == 0 && outside.Count == 0 && caughtUp && viewMismatches == 0
               && statsMismatches.Count == 0 && copyMismatches == 0 ? 0 : 1;
    }

    private static async Task<Dictionary<string, int>> StatusCountsAsync(HttpClient http, Account district)
    {
        using var response = await http.SendAsync(Request(HttpMethod.Get, "/api/stats/hazards", district));
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var figures = body.TryGetProperty("figures", out var f) ? f : body;
        return figures.GetProperty("byStatus").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
    }

    /// <summary>Until every async projection has reached the high-water mark and that mark covers the last event.</summary>
    private static async Task<bool> WaitForDaemonAsync(NpgsqlDataSource source, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            await using var cmd = source.CreateCommand("""
                select (select coalesce(max(seq_id), 0) from anjiaxing.mt_events),
                       (select coalesce(min(last_seq_id), 0) from anjiaxing.mt_event_progression where name not like 'HighWater%')
                """);
            await using var reader = await cmd.ExecuteReaderAsync();
            await reader.ReadAsync();
            if (reader.GetInt64(1) >= reader.GetInt64(0)) return true;
            await Task.Delay(500);
        }
        return false;
    }
}
