using Marten;
using Microsoft.Extensions.Options;

namespace AnJiaXing.Platform.Demo;

/// <summary>
/// Seeds the demo district when <c>AnJiaXing:DemoData</c> is true and the store holds no organisation yet.
/// Runs before the server takes requests; every <see cref="IDemoSeed"/> writes through the domain code, never raw rows.
/// </summary>
public sealed class DemoDataSeeder(
    IOptions<AnJiaXingOptions> options,
    IDocumentStore store,
    IEnumerable<IDemoSeed> seeds,
    IReadOnlyList<IAnJiaXingModule> modules,
    Tenancy.TownDatabases towns,
    ILogger<DemoDataSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (!options.Value.DemoData) return;

        // Nodes started together on an empty database: one seeds, the others wait for it and then find the data.
        await using var turn = await AdvisoryLock.StartupTurnAsync(store, "demo-data", ct);
        await using (var probe = store.QuerySession())
        {
            if (await probe.Query<Organisation>().AnyAsync(ct))
            {
                logger.LogInformation("Demo data: the store already holds data; nothing seeded");
                return;
            }
        }

        var context = new DemoContext { Scale = options.Value.DemoScale };
        var started = System.Diagnostics.Stopwatch.StartNew();
        // With town databases (ADR 0030) the demo seeds only the district's shared kernel (organisations, accounts,
        // enterprises), which reaches the towns by replication: the other seeds write through the domain code into
        // the one session they are given, which would put every town's records in the district database.
        var kernel = modules.Where(m => m.Home == Tenancy.ModuleHome.SharedKernel).Select(m => m.GetType().Assembly).ToHashSet();
        foreach (var seed in seeds.OrderBy(s => s.Order))
        {
            if (towns.Several && !kernel.Contains(seed.GetType().Assembly))
            {
                logger.LogInformation("Demo data: {Seed} skipped (towns have databases of their own)", seed.GetType().Name);
                continue;
            }
            await using var session = store.LightweightSession();
            session.LastModifiedBy = Actor.System.Name;
            await seed.SeedAsync(session, context, ct);
            await session.SaveChangesAsync(ct);
            logger.LogInformation("Demo data: {Seed} done", seed.GetType().Name);
        }
        logger.LogInformation("Demo data ({Scale}) seeded in {Elapsed:F1} s", context.Scale, started.Elapsed.TotalSeconds);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
