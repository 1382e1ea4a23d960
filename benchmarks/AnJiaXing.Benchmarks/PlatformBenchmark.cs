using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Marten;
using Npgsql;

/// <summary>
/// The platform's benchmarks (issue 12), each beside its raw baseline; <c>benchmarks/run.sh</c> drives them. Modes:
/// <c>raw-server URL</c> — the baseline service: one INSERT of the posted body per request, and a bare liveness answer;
/// <c>mixed URL SECONDS</c> — report, assign, rectify, recheck and reads by several roles, 16 workers;
/// <c>lag URL RATE SECONDS</c> — hazards reported at a fixed rate, the statistics daemon's progress polled: append → statistics lag;
/// <c>replay</c> — one 1,000-event stream folded whole and as of a past time by the service's replay (<c>StreamReplay</c>,
/// as <c>?version=</c> and <c>?asOf=</c> do) and by Marten's <c>AggregateStreamAsync</c>, against a raw select + deserialize of the rows.
/// </summary>
public static partial class PlatformBenchmark
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<int> RawServerAsync(string url, string connection)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        await using var source = NpgsqlDataSource.Create(connection);
        await using (var create = source.CreateCommand(
                         "create table if not exists public.bench_raw_hazards (id uuid primary key, body jsonb not null, created_at timestamptz not null default now())"))
            await create.ExecuteNonQueryAsync();

        var app = builder.Build();
        app.MapPost("/raw/hazards", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var id = Guid.CreateVersion7();
            await using var insert = source.CreateCommand("insert into public.bench_raw_hazards (id, body) values ($1, $2::jsonb)");
            insert.Parameters.Add(new NpgsqlParameter { Value = id });
            insert.Parameters.Add(new NpgsqlParameter { Value = body });
            await insert.ExecuteNonQueryAsync();
            return Results.Json(new { id, version = 1 }, statusCode: StatusCodes.Status201Created);
        });
        app.MapGet("/raw/live", () => Results.Text("Healthy"));
        await app.RunAsync();
        return 0;
    }

    private sealed record Account(string Username, string Token, Guid Id, Guid OrganisationId, Guid? TownId, string Role);

    private static async Task<Account> SignInAsync(HttpClient http, string username)
    {
        var issued = await http.PostAsJsonAsync("/api/auth/token", new { username, password = "Demo#2026" });
        issued.EnsureSuccessStatusCode();
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var answer = await http.SendAsync(me);
        answer.EnsureSuccessStatusCode();
        var m = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Guid? town = m.TryGetProperty("townId", out var t) && t.ValueKind == JsonValueKind.String ? t.GetGuid() : null;
        return new Account(username, token, m.GetProperty("id").GetGuid(), m.GetProperty("organisationId").GetGuid(), town,
            m.GetProperty("role").GetString()!);
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, Account who, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", who.Token);
        if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        return request;
    }

    /// <summary>
    /// 16 workers, each walking hazards through the general flow as the enterprise and the town would, with reads by the
    /// enterprise, the town, a department and the district in between. Every answer must be the expected success.
    /// </summary>
    public static async Task<int> MixedAsync(string baseUrl, int seconds)
    {
        // baseUrl may name several nodes (comma-separated): requests go round them (scripts/scale.sh).
        using var http = Nodes.Client(baseUrl, new SocketsHttpHandler { MaxConnectionsPerServer = 64 });
        var enterprise = await SignInAsync(http, "ent.demo1");
        var towns = new[] { await SignInAsync(http, "town.nanxiang"), await SignInAsync(http, "town.anting") };
        var town = towns.FirstOrDefault(t => t.TownId == enterprise.TownId);
        var department = await SignInAsync(http, "dept.emergency");
        var district = await SignInAsync(http, "district.admin");

        var times = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        var failures = new ConcurrentDictionary<string, int>();
        var stop = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);

        async Task<JsonElement?> Step(string name, HttpRequestMessage request, int expected)
        {
            var sw = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            times.GetOrAdd(name, _ => []).Add(sw.Elapsed.TotalMilliseconds);
            if ((int)response.StatusCode != expected)
            {
                if (failures.AddOrUpdate(name, 1, (_, n) => n + 1) == 1)
                    Console.Error.WriteLine($"{name}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
                return null;
            }
            return body.Length > 0 ? JsonDocument.Parse(body).RootElement.Clone() : default(JsonElement);
        }

        async Task Worker(int n)
        {
            do
            {
                var reported = await Step("report (enterprise)", Request(HttpMethod.Post, "/api/hazards", enterprise, new
                {
                    enterpriseId = enterprise.OrganisationId, level = "General", category = "Fire", description = $"消防通道堆放杂物 {n}",
                    location = "一号仓库", source = "SelfInspection"
                }), 201);
                if (reported is not { } r) continue;
                var id = r.GetProperty("id").GetGuid();
                await Step("read one (enterprise)", Request(HttpMethod.Get, $"/api/hazards/{id}", enterprise), 200);
                if (await Step("assign (enterprise)", Request(HttpMethod.Post, $"/api/hazards/{id}/assign", enterprise, new
                    {
                        responsibleUserId = enterprise.Id, deadline = DateTimeOffset.UtcNow.AddDays(7), measures = "清理通道"
                    }), 200) is null) continue;
                await Step("search (town)", Request(HttpMethod.Get, "/api/hazards?pageSize=20", town ?? district), 200);
                if (await Step("rectify (enterprise)", Request(HttpMethod.Post, $"/api/hazards/{id}/rectification", enterprise,
                        new { description = "已清理" }), 200) is null) continue;
                await Step("search (department)", Request(HttpMethod.Get, "/api/hazards?pageSize=20", department), 200);
                var rechecker = town;
                if (rechecker is null)
                {
                    // No town account of the enterprise's town: the enterprise designates its own user to recheck.
                    if (await Step("designate rechecker (enterprise)", Request(HttpMethod.Post, $"/api/hazards/{id}/designate-rechecker",
                            enterprise, new { userId = enterprise.Id }), 200) is null) continue;
                    rechecker = enterprise;
                }
                await Step($"recheck ({(rechecker == town ? "town" : "enterprise")})", Request(HttpMethod.Post, $"/api/hazards/{id}/recheck",
                    rechecker, new { passed = true, remarks = "复查合格" }), 200);
                await Step("search (district)", Request(HttpMethod.Get, "/api/hazards?pageSize=20&status=Rechecked", district), 200);
                await Step("me (department)", Request(HttpMethod.Get, "/api/me", department), 200);
            } while (stop.Elapsed < deadline);
        }

        // One untimed walk first: each route's first request compiles its Wolverine chain (seconds on a busy box).
        deadline = TimeSpan.Zero;
        await Worker(-1);
        times.Clear();
        failures.Clear();
        deadline = TimeSpan.FromSeconds(seconds);
        stop.Restart();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(Worker));
        var elapsed = stop.Elapsed.TotalSeconds;
        var all = times.Values.SelectMany(b => b).ToList();
        Console.WriteLine($"MIXED requests={all.Count} rps={all.Count / elapsed:F1} p50={P(all, 50):F2} p99={P(all, 99):F2} failures={failures.Values.Sum()}");
        foreach (var (name, bag) in times.OrderBy(t => t.Key))
        {
            var list = bag.ToList();
            Console.WriteLine($"MIXED-STEP {name}: n={list.Count} p50={P(list, 50):F2} p99={P(list, 99):F2} failures={failures.GetValueOrDefault(name)}");
        }
        return failures.IsEmpty ? 0 : 1;
    }

    /// <summary>
    /// Hazards reported at <paramref name="rate"/> per second (open loop: a slow answer does not slow the sending), while
    /// the statistics projection's progress is polled every 10 ms. A report's lag is from its 201 to the first poll that
    /// shows the daemon past its event's sequence number.
    /// </summary>
    public static async Task<int> LagAsync(string baseUrl, double rate, int seconds, string connection)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(baseUrl) };
        var reporter = await SignInAsync(http, "ent.demo1");
        await using var source = NpgsqlDataSource.Create(connection);
        var clock = Stopwatch.StartNew();
        var polls = new List<(double At, long Seq)>();
        using var stopPolling = new CancellationTokenSource();
        var poller = Task.Run(async () =>
        {
            while (!stopPolling.IsCancellationRequested)
            {
                await using var cmd = source.CreateCommand(
                    "select coalesce(max(last_seq_id), 0) from anjiaxing.mt_event_progression where name like 'ScopeStatistics%'");
                var seq = (long)(await cmd.ExecuteScalarAsync())!;
                lock (polls) polls.Add((clock.Elapsed.TotalMilliseconds, seq));
                try { await Task.Delay(10, stopPolling.Token); } catch (OperationCanceledException) { }
            }
        });

        var answered = new ConcurrentBag<(Guid Id, double At)>();
        var errors = 0;
        var sends = new List<Task>();
        var total = (int)(rate * seconds);
        for (var i = 0; i < total; i++)
        {
            var due = i * 1000.0 / rate;
            var wait = due - clock.Elapsed.TotalMilliseconds;
            if (wait > 1) await Task.Delay(TimeSpan.FromMilliseconds(wait));
            sends.Add(Task.Run(async () =>
            {
                using var response = await http.SendAsync(Request(HttpMethod.Post, "/api/hazards", reporter, new
                {
                    enterpriseId = reporter.OrganisationId, level = "General", category = "Fire", description = "消防通道堆放杂物",
                    source = "SelfInspection"
                }));
                var at = clock.Elapsed.TotalMilliseconds;
                if ((int)response.StatusCode != 201) { Interlocked.Increment(ref errors); return; }
                var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                answered.Add((id, at));
            }));
        }
        await Task.WhenAll(sends);
        var sent = clock.Elapsed.TotalSeconds;

        var ids = answered.Select(a => a.Id).ToArray();
        var sequences = new Dictionary<Guid, long>();
        await using (var cmd = source.CreateCommand("select stream_id, seq_id from anjiaxing.mt_events where stream_id = any($1) and version = 1"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = ids });
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) sequences[reader.GetGuid(0)] = reader.GetInt64(1);
        }
        var highest = sequences.Values.DefaultIfEmpty(0).Max();
        var waitUntil = clock.Elapsed.TotalMilliseconds + 60_000;
        while (clock.Elapsed.TotalMilliseconds < waitUntil)
        {
            lock (polls) if (polls.Count > 0 && polls[^1].Seq >= highest) break;
            await Task.Delay(50);
        }
        await stopPolling.CancelAsync();
        await poller;

        var lags = new List<double>();
        var unseen = 0;
        foreach (var (id, at) in answered)
        {
            var seq = sequences[id];
            var seen = polls.FirstOrDefault(p => p.Seq >= seq && p.At >= at);
            if (seen == default) { unseen++; continue; }
            lags.Add(seen.At - at);
        }
        Console.WriteLine($"LAG rate={rate:F1} achieved={answered.Count / sent:F1} reports={answered.Count} errors={errors} unseen={unseen} " +
                          $"p50={P(lags, 50):F1} p99={P(lags, 99):F1} max={lags.DefaultIfEmpty(0).Max():F1}");
        return errors == 0 && unseen == 0 ? 0 : 1;
    }

    /// <summary>
    /// One hazard stream of 1,000 events appended through Marten (ten saves of 100, so a point in time halfway exists),
    /// then 50 timed folds each of: the whole stream, <c>?asOf</c> halfway (the call GET /api/hazards/{id}?asOf makes), and
    /// the raw baseline — the same rows selected with Npgsql and each deserialized with System.Text.Json, no folding.
    /// </summary>
    public static async Task<int> ReplayAsync(string connection)
    {
        var builder = BenchmarkHost.Builder(connection);
        await using var app = await BenchmarkHost.StartAsync(builder);
        var store = app.Services.GetRequiredService<IDocumentStore>();

        var id = Guid.CreateVersion7();
        var enterprise = Guid.CreateVersion7();
        var by = new Actor(Guid.CreateVersion7(), "基准检查员", Role.ThirdPartyInspector, Guid.CreateVersion7(), "南翔镇");
        DateTimeOffset halfway = default;
        for (var save = 0; save < 10; save++)
        {
            await using var session = store.LightweightSession();
            var events = new List<object>();
            if (save == 0)
                events.Add(new HazardReported(id, enterprise, "基准企业", Guid.Empty, "南翔镇", IndustryDomain.IndustryAndTrade, HazardLevel.General,
                    HazardCategory.Fire, "基准隐患", null, null, null, HazardSource.QuickCheck, null, null, null, [], DateTimeOffset.UtcNow, by));
            while (events.Count < 100)
                events.Add(new DeadlineExtended(id, enterprise, DateTimeOffset.UtcNow.AddDays(events.Count), DateTimeOffset.UtcNow.AddDays(events.Count + 1),
                    "基准", by));
            if (save == 0) session.Events.StartStream<HazardView>(id, events.ToArray());
            else session.Events.Append(id, events.ToArray());
            await session.SaveChangesAsync();
            if (save == 4)
            {
                await Task.Delay(20);
                halfway = DateTimeOffset.UtcNow;
                await Task.Delay(20);
            }
        }

        var typeNames = new Dictionary<string, Type>
        {
            [Alias(nameof(HazardReported))] = typeof(HazardReported), [Alias(nameof(DeadlineExtended))] = typeof(DeadlineExtended)
        };
        await using var rawSource = NpgsqlDataSource.Create(connection);

        async Task<int> Raw(DateTimeOffset? asOf)
        {
            await using var cmd = rawSource.CreateCommand(asOf is null
                ? "select type, data from anjiaxing.mt_events where stream_id = $1 order by version"
                : "select type, data from anjiaxing.mt_events where stream_id = $1 and timestamp <= $2 order by version");
            cmd.Parameters.Add(new NpgsqlParameter { Value = id });
            if (asOf is { } t) cmd.Parameters.Add(new NpgsqlParameter { Value = t });
            await using var reader = await cmd.ExecuteReaderAsync();
            var count = 0;
            while (await reader.ReadAsync())
            {
                if (JsonSerializer.Deserialize(reader.GetString(1), typeNames[reader.GetString(0)], Json) is not null) count++;
            }
            return count;
        }

        // The service's path: GET /api/hazards/{id}?version=n and ?asOf=t replay through StreamReplay (GetHazard.cs).
        async Task<long> Fold(DateTimeOffset? asOf)
        {
            await using var session = store.QuerySession();
            var view = asOf is { } t
                ? await session.ReplayAsync<HazardView>(id, timestamp: t)
                : await session.ReplayAsync<HazardView>(id, version: 1000);
            return view!.Version;
        }

        // Marten's own replay, which the service used before session 6: the figure it is measured against.
        async Task<long> Marten(DateTimeOffset? asOf)
        {
            await using var session = store.QuerySession();
            var view = asOf is { } t
                ? await session.Events.AggregateStreamAsync<HazardView>(id, timestamp: t)
                : await session.Events.AggregateStreamAsync<HazardView>(id, version: 1000);
            return view!.Version;
        }

        var whole = await Fold(null);
        var half = await Fold(halfway);
        var martenWhole = await Marten(null);
        var martenHalf = await Marten(halfway);
        var rawWhole = await Raw(null);
        var rawHalf = await Raw(halfway);
        if (whole != 1000 || rawWhole != 1000 || half != 500 || rawHalf != 500 || martenWhole != 1000 || martenHalf != 500)
        {
            Console.Error.WriteLine($"Replay checks failed: fold {whole}/{half}, Marten {martenWhole}/{martenHalf}, raw {rawWhole}/{rawHalf} (expected 1000/500)");
            return 1;
        }
        await using (var check = store.QuerySession())
        {
            // The same view both ways, whole and halfway: the service's replay is Marten's fold of the same events.
            foreach (DateTimeOffset? t in new DateTimeOffset?[] { null, halfway })
            {
                var ours = JsonSerializer.Serialize(await check.ReplayAsync<HazardView>(id, timestamp: t), Json);
                var theirs = JsonSerializer.Serialize(await check.Events.AggregateStreamAsync<HazardView>(id, timestamp: t), Json);
                if (ours != theirs)
                {
                    Console.Error.WriteLine($"Replay checks failed: the service's replay differs from Marten's (asOf {t?.ToString("O") ?? "none"})");
                    return 1;
                }
            }
        }

        // Interleaved, so a noisy neighbour slows both sides alike.
        var times = new Dictionary<string, List<double>>
        {
            ["fold"] = [], ["marten"] = [], ["raw"] = [], ["asOf"] = [], ["martenAsOf"] = [], ["rawAsOf"] = []
        };
        async Task Time(string name, Func<Task> run, bool keep)
        {
            var sw = Stopwatch.StartNew();
            await run();
            if (keep) times[name].Add(sw.Elapsed.TotalMilliseconds);
        }
        for (var i = 0; i < 60; i++)
        {
            var keep = i >= 10; // warm-up
            await Time("fold", () => Fold(null), keep);
            await Time("raw", () => Raw(null), keep);
            await Time("marten", () => Marten(null), keep);
            await Time("asOf", () => Fold(halfway), keep);
            await Time("rawAsOf", () => Raw(halfway), keep);
            await Time("martenAsOf", () => Marten(halfway), keep);
        }
        double M(string name) => P(times[name], 50);
        Console.WriteLine($"REPLAY whole: fold p50={M("fold"):F2} raw p50={M("raw"):F2} ratio={M("fold") / M("raw"):F2} " +
                          $"(Marten's AggregateStreamAsync p50={M("marten"):F2} ratio={M("marten") / M("raw"):F2})");
        Console.WriteLine($"REPLAY asOf: fold p50={M("asOf"):F2} raw p50={M("rawAsOf"):F2} ratio={M("asOf") / M("rawAsOf"):F2} " +
                          $"(Marten's AggregateStreamAsync p50={M("martenAsOf"):F2} ratio={M("martenAsOf") / M("rawAsOf"):F2})");
        await app.StopAsync();
        return 0;
    }

    private static string Alias(string typeName) => SnakeCase().Replace(typeName, "$1_$2").ToLowerInvariant();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex SnakeCase();

    private static double P(List<double> values, int percentile)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
