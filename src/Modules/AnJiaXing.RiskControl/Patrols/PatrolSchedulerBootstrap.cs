using AnJiaXing.Platform.Tenancy;
using Marten;
using JasperFx;
using Wolverine.Marten;

namespace AnJiaXing.RiskControl.Patrols;

/// <summary>
/// At start-up, starts the scheduler of every patrol task that has none yet (tasks written by the demo seed, which has
/// no outbox, or before the scheduler existed): the cursor and the first check in one transaction through Wolverine's
/// Marten outbox. Nodes starting together take turns (a start-up step's lock), so the later ones find the cursors;
/// should two still collide on a cursor's id, the loser's transaction, schedules included, rolls back.
/// <para>
/// With town databases (ADR 0030) a task's scheduler lives where the task does: in its town's database, or the
/// district's for a town without one. Each database is gone over in a transaction of its own, and its checks carry its
/// tenant, so their handlers open it. The district's copies of the towns' tasks (<see cref="StreamHome"/>) are left
/// alone: their schedulers are the towns'.
/// </para>
/// </summary>
public sealed class PatrolSchedulerBootstrap(IServiceProvider services, IDocumentStore store, TownDatabases towns, TimeProvider clock,
    ILogger<PatrolSchedulerBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var turn = await AdvisoryLock.StartupTurnAsync(store, "patrol-schedulers", ct);
        foreach (var database in await TownDatabases.AllAsync(store))
            await StartAsync(TownDatabases.TownOf(database) is { } town ? TownDatabases.TenantId(town) : null, ct);
    }

    /// <summary>The tasks of one database (<paramref name="tenant"/> null: the district's, or the only one).</summary>
    private async Task StartAsync(string? tenant, CancellationToken ct)
    {
        await using var query = tenant is null ? store.QuerySession() : store.QuerySession(tenant);
        var tasks = await query.Query<PatrolTaskView>().Select(t => t.Id).ToListAsync(ct);
        if (tasks.Count == 0) return;
        var started = (await query.LoadManyAsync<PatrolWindowCursor>(ct, tasks.ToArray())).Select(c => c.Id).ToHashSet();
        // StreamHome is only part of the schema when towns have databases of their own.
        if (tenant is null && towns.Several)
            started.UnionWith((await query.LoadManyAsync<StreamHome>(ct, tasks.ToArray())).Select(h => h.Id));
        var missing = tasks.Where(id => !started.Contains(id)).ToArray();
        if (missing.Length == 0) return;

        await using var scope = services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IMartenOutbox>();
        await using var session = tenant is null ? store.LightweightSession() : store.LightweightSession(tenant);
        outbox.Enroll(session);
        // Enrolling a session does not give its tenant to the outbox's messages.
        outbox.TenantId = tenant;
        var now = clock.GetUtcNow();
        foreach (var task in await session.LoadManyAsync<PatrolTaskView>(ct, missing))
        {
            var first = PatrolCalendar.WindowStart(task.Schedule.Every, task.StartsAt);
            session.Insert(new PatrolWindowCursor { Id = task.Id, NextWindow = first });
            await PatrolScheduler.ScheduleAsync(outbox, task.Id, task.Schedule.Every, first, now);
        }
        try
        {
            await session.SaveChangesAsync(ct);
            logger.LogInformation("Patrol scheduler started for {Count} task(s) in {Database}", missing.Length, tenant ?? TownDatabases.District);
        }
        catch (DocumentAlreadyExistsException)
        {
            logger.LogInformation("Patrol scheduler: another node started the tasks' schedulers in {Database} first", tenant ?? TownDatabases.District);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
