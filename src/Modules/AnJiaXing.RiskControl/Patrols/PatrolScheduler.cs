using JasperFx;
using Marten;
using JasperFx.Metadata;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace AnJiaXing.RiskControl.Patrols;

/// <summary>
/// Where a task's scheduler stands: the start of the next window to check. One per task, versioned (optimistic
/// concurrency), so of two deliveries of the same <see cref="PatrolWindowCloses"/> — a redelivery, or two nodes — only one
/// advances it and schedules the next window; the other finds it moved on and does nothing.
/// </summary>
public sealed class PatrolWindowCursor : IVersioned
{
    public Guid Id { get; set; }
    public DateTimeOffset NextWindow { get; set; }
    public Guid Version { get; set; }
}

/// <summary>
/// The durable patrol scheduler (ADR 0021): each task has one <see cref="PatrolWindowCloses"/> waiting as a Wolverine
/// scheduled message in PostgreSQL, due at its window's end by the service's clock. The handler checks every window that
/// has closed since the cursor, appends <see cref="PatrolMissed"/> for those without their patrols (unless the stream
/// already has it for that window), advances the cursor and schedules the next window's check, all in one transaction.
/// </summary>
public static class PatrolScheduler
{
    public const string Queue = "risk-patrol-windows";

    /// <summary>Delays are never shorter than this: a message that fires early by the service's clock waits, it does not spin.</summary>
    private static readonly TimeSpan MinimumDelay = TimeSpan.FromSeconds(1);

    /// <summary>Starts a new task's scheduler in the caller's transaction: the cursor at its first window, the first check scheduled.</summary>
    public static async Task StartAsync(IDocumentSession session, IMessageBus bus, PatrolTaskConfigured task, DateTimeOffset now)
    {
        var first = PatrolCalendar.WindowStart(task.Schedule.Every, task.StartsAt);
        session.Insert(new PatrolWindowCursor { Id = task.TaskId, NextWindow = first });
        await ScheduleAsync(bus, task.TaskId, task.Schedule.Every, first, now);
    }

    internal static ValueTask ScheduleAsync(IMessageBus bus, Guid taskId, PatrolFrequency every, DateTimeOffset start, DateTimeOffset now)
    {
        var end = PatrolCalendar.Next(every, start);
        return bus.ScheduleAsync(new PatrolWindowCloses(taskId, start, end), Later(end - now));
    }

    internal static TimeSpan Later(TimeSpan delay) => delay < MinimumDelay ? MinimumDelay : delay;
}

public static class PatrolWindowClosesHandler
{
    /// <summary>The loser of a race on the cursor or the stream retries, finds the window checked and stops.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnException<ConcurrencyException>().RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

    public static async Task Handle(PatrolWindowCloses message, IDocumentSession session, IMessageContext context, TimeProvider clock, CancellationToken ct)
    {
        var cursor = await session.LoadAsync<PatrolWindowCursor>(message.TaskId, ct);
        if (cursor is null || cursor.NextWindow != message.WindowStart) return; // checked before: a redelivery or a second node

        var now = clock.GetUtcNow();
        if (now < message.WindowEnd)
        {
            await context.ScheduleAsync(message, PatrolScheduler.Later(message.WindowEnd - now));
            return;
        }

        var stream = await session.Events.FetchForWriting<PatrolTaskView>(message.TaskId, ct);
        if (stream.Aggregate is not { } task) return;
        var patrols = (await session.Query<PatrolRecordView>()
                .Where(r => r.TaskId == task.Id && r.PatrolledAt >= cursor.NextWindow && r.PatrolledAt < now)
                .Select(r => new { r.RiskPointId, r.PatrolledAt }).ToListAsync(ct))
            .Select(r => (r.RiskPointId, r.PatrolledAt)).ToList();

        var required = task.Schedule.Times * task.RiskPointIds.Count;
        var start = cursor.NextWindow;
        for (var checkedWindows = 0; checkedWindows < PatrolCalendar.MaxWindows; checkedWindows++)
        {
            var end = PatrolCalendar.Next(task.Schedule.Every, start);
            if (end > now) break;
            var done = PatrolCalendar.DoneIn(task.Schedule, task.RiskPointIds, patrols, start, end);
            if (done < required && !task.MissedWindows.Contains(start))
                stream.AppendOne(new PatrolMissed(task.Id, task.Name, task.EnterpriseId, task.EnterpriseName, task.TownId, task.Domain,
                    start, end, required, done, PatrolCalendar.ShortIn(task.Schedule, task.RiskPointIds, patrols, start, end),
                    task.Assignees, Actor.System));
            start = end;
        }

        cursor.NextWindow = start;
        session.Store(cursor);
        await PatrolScheduler.ScheduleAsync(context, task.Id, task.Schedule.Every, start, now);
    }
}
