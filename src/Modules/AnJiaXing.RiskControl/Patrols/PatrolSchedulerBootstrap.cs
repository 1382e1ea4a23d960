using Marten;
using JasperFx;
using Wolverine.Marten;

namespace AnJiaXing.RiskControl.Patrols;

/// <summary>
/// At start-up, starts the scheduler of every patrol task that has none yet (tasks written by the demo seed, which has
/// no outbox, or before the scheduler existed): the cursor and the first check in one transaction through Wolverine's
/// Marten outbox. Nodes starting together take turns (a start-up step's lock), so the later ones find the cursors;
/// should two still collide on a cursor's id, the loser's transaction, schedules included, rolls back.
/// </summary>
public sealed class PatrolSchedulerBootstrap(IServiceProvider services, IDocumentStore store, TimeProvider clock,
    ILogger<PatrolSchedulerBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var turn = await AdvisoryLock.StartupTurnAsync(store, "patrol-schedulers", ct);
        await using var query = store.QuerySession();
        var tasks = await query.Query<PatrolTaskView>().Select(t => t.Id).ToListAsync(ct);
        if (tasks.Count == 0) return;
        var started = (await query.LoadManyAsync<PatrolWindowCursor>(ct, tasks.ToArray())).Select(c => c.Id).ToHashSet();
        var missing = tasks.Where(id => !started.Contains(id)).ToArray();
        if (missing.Length == 0) return;

        await using var scope = services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IMartenOutbox>();
        await using var session = store.LightweightSession();
        outbox.Enroll(session);
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
            logger.LogInformation("Patrol scheduler started for {Count} task(s)", missing.Length);
        }
        catch (DocumentAlreadyExistsException)
        {
            logger.LogInformation("Patrol scheduler: another node started the tasks' schedulers first");
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
