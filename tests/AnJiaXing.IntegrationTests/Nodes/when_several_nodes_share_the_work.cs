using System.Diagnostics;
using Alba;
using Microsoft.AspNetCore.Hosting;
using AnJiaXing.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Runtime.Agents;
using Wolverine.Tracking;

namespace AnJiaXing.IntegrationTests.Nodes;

/// <summary>Two nodes of the service on one database, Wolverine balanced, noticing each other within seconds.</summary>
public class TwoNodeFixture : AppFixture, IAsyncLifetime
{
    protected override bool SoloNode => false;
    public IAlbaHost Second { get; private set; } = null!;

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("AnJiaXing:Nodes:HealthCheckInterval", "00:00:01");
        builder.UseSetting("AnJiaXing:Nodes:StaleAfter", "00:00:05");
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Second = await StartHostAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Second.DisposeAsync();
        await base.DisposeAsync();
    }
}

public class when_several_nodes_share_the_work(TwoNodeFixture app) : IClassFixture<TwoNodeFixture>
{
    // Every async projection and subscription of the modules, and every single-node work of the platform and modules.
    private static readonly string[] Names =
    [
        "scopestatistics", "accountactivity", "hazardledgerline", "noticereminders", "noticesubjectreminders",
        "overduesupervision", "riskresidualreassessment", "ledger-digests", "city-feed", "readings-upkeep"
    ];

    private static string[] Running(IAlbaHost host) =>
        [.. host.GetRuntime().Agents.AllRunningAgentUris().Select(u => u.ToString())
            .Where(u => u.StartsWith("event-subscriptions://") || u.StartsWith("anjiaxing-work://"))];

    private static async Task<string[]> KnownAsync(IAlbaHost host)
    {
        var known = new List<string>();
        foreach (var family in host.Services.GetServices<IAgentFamily>().Where(f => f.Scheme is "event-subscriptions" or "anjiaxing-work"))
            known.AddRange((await family.AllKnownAgentsAsync()).Select(u => u.ToString()));
        return [.. known];
    }

    [Fact]
    public async Task each_projection_subscription_and_work_runs_on_exactly_one_node_and_moves_when_its_node_stops()
    {
        var known = await KnownAsync(app.Host);
        Assert.All(Names, n => Assert.Single(known, u => u.Contains($"/{n}/") || u == $"anjiaxing-work://{n}/"));

        // The leader assigns, then spreads: wait until every agent runs somewhere, none on both, and both nodes work.
        string[] first = [], second = [];
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            (first, second) = (Running(app.Host), Running(app.Second));
            if (known.All(k => first.Contains(k) || second.Contains(k)) && !first.Intersect(second).Any() && first.Length > 0 && second.Length > 0) break;
            await Task.Delay(250);
        }
        Assert.All(known, k => Assert.True(first.Contains(k) || second.Contains(k), $"{k} runs on no node: first [{string.Join(", ", first)}], second [{string.Join(", ", second)}]"));
        Assert.Empty(first.Intersect(second));
        Assert.NotEmpty(first);
        Assert.NotEmpty(second);

        // The second node leaves: within 30 s the first runs everything, once.
        await app.Second.StopAsync();
        clock.Restart();
        while (clock.Elapsed < TimeSpan.FromSeconds(30) && !known.All(k => Running(app.Host).Contains(k))) await Task.Delay(250);
        var after = Running(app.Host);
        Assert.All(known, k => Assert.True(after.Contains(k), $"{k} was not taken over within 30 s: [{string.Join(", ", after)}]"));
        Assert.Equal(after.Length, after.Distinct().Count());
    }
}
