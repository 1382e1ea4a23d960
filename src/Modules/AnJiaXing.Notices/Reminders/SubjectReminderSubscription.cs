using AnJiaXing.Platform.Persistence;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Services;
using Marten.Subscriptions;
using Wolverine;
using Wolverine.Runtime;

namespace AnJiaXing.Notices.Reminders;

/// <summary>
/// Follows the other modules' published events on the async daemon (ADR 0025) for the reminders of
/// <see cref="SubjectReminderSources"/>: each plan's schedule document is stored in the daemon's batch with its progress;
/// a plan already due is stored in the inbox at once (deterministic ids: a replay adds nothing), a later one is scheduled
/// durably as <see cref="SubjectReminderDue"/>. A subscription of its own, so it reads those modules' history from the start.
/// </summary>
public sealed class SubjectReminderSubscription : SubscriptionBase
{
    public const string SubscriptionTitle = "NoticeSubjectReminders";
    private readonly IServiceProvider _services;

    public SubjectReminderSubscription(IServiceProvider services)
    {
        _services = services;
        Name = SubscriptionTitle;
        foreach (var type in SubjectReminderSources.All.SelectMany(s => s.EventTypes).Distinct()) IncludeType(type);
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations,
        CancellationToken cancellationToken)
    {
        var now = _services.GetRequiredService<TimeProvider>().GetUtcNow();
        var pending = new Dictionary<Guid, ReminderSchedule>();
        async Task<ReminderSchedule?> Current(ReminderKind kind, Guid subjectId)
        {
            var id = ReminderSchedule.IdOf(kind, subjectId);
            if (pending.TryGetValue(id, out var s)) return s;
            var stored = await operations.LoadAsync<ReminderSchedule>(id, cancellationToken);
            if (stored is not null) pending[id] = stored;
            return stored;
        }

        var later = new List<SubjectReminderDue>();
        foreach (var e in page.EventsFor(operations, AnJiaXing.Platform.Tenancy.ModuleHome.District))
        foreach (var source in SubjectReminderSources.All.Where(s => s.EventTypes.Contains(e.Data.GetType())))
        foreach (var plan in await source.PlanAsync(e, now, Current, cancellationToken))
        {
            var schedule = ReminderSchedule.From(plan);
            if (plan.DueAt <= now)
            {
                await SubjectReminderHandler.RemindAsync(operations, schedule, now, cancellationToken);
                if (source.Next(schedule, now) is { } next) schedule = ReminderSchedule.From(next);
            }
            // The daemon's session keeps what it loaded: a replacement of the same id is written into that instance.
            if (pending.TryGetValue(schedule.Id, out var tracked)) schedule = tracked.Become(schedule);
            pending[schedule.Id] = schedule;
            operations.Store(schedule);
            if (schedule.DueAt > now) later.Add(schedule.Message());
        }

        return await SubscriptionMessages.ScheduleAsync(_services, operations, later, m => m.DueAt);
    }
}

/// <summary>
/// A subject reminder fell due: it reminds only if its occasion is still the subject's current one; early by the service's
/// clock it waits again. A recurring one (a patrol window) schedules its next occasion.
/// </summary>
public static class SubjectReminderHandler
{
    public static async Task Handle(SubjectReminderDue due, IDocumentSession session, IMessageContext context, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now < due.DueAt)
        {
            await context.ScheduleAsync(due, due.DueAt);
            return;
        }
        var schedule = await session.LoadAsync<ReminderSchedule>(ReminderSchedule.IdOf(due.Kind, due.SubjectId), ct);
        if (schedule is null || schedule.Occasion != due.Occasion) return;
        session.Eject(schedule);
        await RemindAsync(session, schedule, now, ct);

        if (SubjectReminderSources.ByKind.TryGetValue(due.Kind, out var source) && source.Next(schedule, now) is { } next)
        {
            var following = ReminderSchedule.From(next);
            session.Store(following);
            await context.ScheduleAsync(following.Message(), following.DueAt);
        }
    }

    public static async Task RemindAsync(IDocumentOperations ops, ReminderSchedule schedule, DateTimeOffset now, CancellationToken ct)
    {
        var people = await schedule.Audience.ResolveAsync(ops, ct);
        await Reminders.StoreOnceAsync(ops,
            [.. people.Select(id => Reminders.Item(schedule.Subject, schedule.SubjectId, schedule.Kind, schedule.Occasion, id, schedule.Title, schedule.Body, now))],
            ct);
    }
}
