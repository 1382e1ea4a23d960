using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;
using Wolverine;

/// <summary>
/// Statistics benchmark (issue 7): the service with the demo district, 300 enterprises and N hazard events (hazards
/// walked to every status, backdated over the last 365 days), the statistics daemon caught up; then each
/// <c>/api/stats/…</c> endpoint is called over HTTP on loopback as a district admin, a town and a department,
/// and its latency percentiles printed. Usage: <c>scripts/bench.sh stats [events]</c>.
/// </summary>
public static class StatisticsBenchmark
{
    public static async Task<int> RunAsync(int total, string connection)
    {
        var builder = BenchmarkHost.Builder(connection, demoData: true);
        // Wolverine discovers endpoints in the entry assembly; here that is the benchmark, so point it at the service.
        builder.Services.ConfigureWolverine(o => o.ApplicationAssembly = typeof(StatisticsEndpoints).Assembly);
        await using var app = await BenchmarkHost.StartAsync(builder);
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        long existing;
        await using (var probe = store.QuerySession())
            existing = await probe.Events.QueryAllRawEvents().Where(e => e.EventTypeName == "hazard_reported").CountAsync();
        var load = Stopwatch.StartNew();
        var loaded = existing == 0 ? await LoadAsync(store, total) : 0;
        Console.WriteLine($"Loaded {loaded:N0} hazard events in {load.Elapsed.TotalSeconds:N1} s; waiting for the daemon");

        var catchUp = Stopwatch.StartNew();
        await app.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(60));
        Console.WriteLine($"Daemon caught up in {catchUp.Elapsed.TotalSeconds:N1} s");
        await using (var conn = new NpgsqlConnection(connection))
        {
            await conn.OpenAsync();
            await using var analyze = new NpgsqlCommand("analyze;", conn);
            await analyze.ExecuteNonQueryAsync();
        }

        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var panels = new[] { "overview", "users", "hazards", "sources", "trend", "inspections", "assessment" };
        var lines = new List<string>();
        foreach (var user in new[] { "district.admin", "town.nanxiang", "dept.emergency" })
        {
            var token = (await (await http.PostAsJsonAsync("/api/auth/token", new { username = user, password = "Demo#2026" }))
                .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            foreach (var panel in panels)
            {
                var url = $"/api/stats/{panel}?from={StatisticsCalendar.Key(StatisticsCalendar.Today(TimeProvider.System).AddDays(-364))}";
                var times = await MeasureAsync(200, async _ =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    using var response = await http.SendAsync(request);
                    response.EnsureSuccessStatusCode();
                    await response.Content.ReadAsByteArrayAsync();
                });
                lines.Add($"| {user} | /api/stats/{panel} (365 days) | {P(times, 50):N1} | {P(times, 95):N1} | {times.Max():N1} |");
            }
        }

        await using (var s = store.QuerySession())
        {
            var events = await s.Events.QueryAllRawEvents().CountAsync();
            var district = await s.LoadAsync<ScopeStatistics>(StatisticsScopes.District);
            Console.WriteLine($"""

                Statistics benchmark: {events:N0} events in the store, {district!.Hazards:N0} hazards, {district.Days.Count} days kept, {Environment.ProcessorCount} cores
                | caller | endpoint | p50 ms | p95 ms | max ms |
                |---|---|---|---|---|
                {string.Join('\n', lines)}
                """);
        }
        await app.StopAsync();
        return 0;
    }

    internal static async Task<long> LoadAsync(IDocumentStore store, int total)
    {
        List<Organisation> towns;
        await using (var q = store.QuerySession())
            towns = (await q.Query<Organisation>().Where(o => o.Kind == OrganisationKind.Town).ToListAsync()).ToList();
        var random = new Random(7);
        var domains = new[] { IndustryDomain.HazardousChemicals, IndustryDomain.IndustryAndTrade, IndustryDomain.ConstructionSites, IndustryDomain.FactoriesAndWarehouses };
        var enterprises = new List<(Guid Id, Organisation Town, IndustryDomain Domain)>();
        await using (var session = store.LightweightSession())
        {
            for (var i = 0; i < 300; i++)
            {
                var id = Guid.CreateVersion7();
                var town = towns[i % towns.Count];
                var domain = domains[random.Next(domains.Length)];
                session.Events.StartStream(id, new EnterpriseRegistered(id, $"基准企业{i:000}", $"91310114MA1B{i:00000}X", "嘉定区", town.Id, town.Name,
                    [domain], "中型", null, null, null, null, null, Actor.System));
                enterprises.Add((id, town, domain));
            }
            await session.SaveChangesAsync();
        }

        var actors = Enumerable.Range(0, 200)
            .Select(i => new Actor(Guid.CreateVersion7(), $"检查员{i:000}", Role.ThirdPartyInspector, Guid.CreateVersion7(), "南翔镇")).ToArray();
        var now = DateTimeOffset.UtcNow;
        long loaded = 0;
        while (loaded < total)
        {
            await using var session = store.LightweightSession();
            for (var s = 0; s < 400 && loaded < total; s++)
            {
                var (enterprise, town, domain) = enterprises[random.Next(enterprises.Count)];
                var id = Guid.CreateVersion7();
                var at = now.AddDays(-random.Next(365)).AddMinutes(-random.Next(600));
                Actor By() => actors[random.Next(actors.Length)];
                var major = random.Next(5) == 0;
                var events = new List<object>
                {
                    new HazardReported(id, enterprise, "基准企业", town.Id, town.Name, domain, major ? HazardLevel.Major : HazardLevel.General,
                        HazardCategory.Fire, "基准隐患", null, null, null, (HazardSource)random.Next(7), null, null, null, [], at, By())
                };
                if (major) events.Add(new HazardConfirmed(id, enterprise, null, By()));
                switch (random.Next(6))
                {
                    case 0: break;
                    case 1: events.Add(new HazardDismissed(id, enterprise, "误报", By())); break;
                    default:
                        events.Add(new RectificationAssigned(id, enterprise, Guid.Empty, "负责人", at.AddDays(14), "整改", null, null, By()));
                        if (random.Next(3) == 0) break;
                        events.Add(new RectificationSubmitted(id, enterprise, "已整改", [], false, By()));
                        events.Add(new RecheckPassed(id, enterprise, "合格", [], By()));
                        events.Add(new HazardClosed(id, enterprise, "复查合格", [], By()));
                        break;
                }
                session.Events.StartStream<HazardView>(id, events.ToArray());
                var step = 0;
                foreach (var e in session.PendingChanges.Streams().Single(x => x.Id == id).Events)
                    e.Timestamp = at.AddDays(step++ * 2);
                loaded += events.Count;
            }
            await session.SaveChangesAsync();
        }
        return loaded;
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    private static async Task<List<double>> MeasureAsync(int runs, Func<int, Task> action)
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
}
