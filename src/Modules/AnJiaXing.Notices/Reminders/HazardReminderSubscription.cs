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
/// Follows the hazard ledger's committed events on the async daemon (ADR 0025): an assigned rectification reminds the
/// responsible person, a closure request the officers of the hazard's domain; a deadline (assigned or extended) schedules
/// its three deadline reminders as durable Wolverine scheduled messages. The inbox items are stored in the daemon's
/// batch with its progress and keyed deterministically, so a replayed or redelivered event adds nothing. The schedules
/// are written before the batch commits (at least once); the handler is idempotent and ignores stale deadlines.
/// </summary>
public sealed class HazardReminderSubscription : SubscriptionBase
{
    public const string SubscriptionTitle = "NoticeReminders";
    private readonly IServiceProvider _services;

    public HazardReminderSubscription(IServiceProvider services)
    {
        _services = services;
        Name = SubscriptionTitle;
        IncludeType<RectificationAssigned>();
        IncludeType<DeadlineExtended>();
        IncludeType<ClosureRequested>();
        IncludeType<OverdueEscalated>();
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations,
        CancellationToken cancellationToken)
    {
        var schedules = new List<DeadlineReminderDue>();
        foreach (var e in page.EventsFor(operations, AnJiaXing.Platform.Tenancy.ModuleHome.District))
        {
            switch (e.Data)
            {
                case RectificationAssigned assigned:
                    await Reminders.StoreOnceAsync(operations,
                    [
                        Reminders.Item(assigned.HazardId, ReminderKind.RectificationAssigned, Reminders.DeadlineKey(assigned.Deadline), assigned.ResponsibleUserId,
                            "隐患整改任务", $"{assigned.By.OrganisationName} {assigned.By.Name} 指定您为整改责任人，整改期限 {Local(assigned.Deadline)}。",
                            e.Timestamp)
                    ], cancellationToken);
                    schedules.AddRange(Reminders.DeadlineReminders(assigned.HazardId, assigned.Deadline));
                    break;
                case DeadlineExtended extended:
                    schedules.AddRange(Reminders.DeadlineReminders(extended.HazardId, extended.NewDeadline));
                    break;
                case ClosureRequested requested:
                    var hazard = await operations.LoadAsync<HazardView>(requested.HazardId, cancellationToken);
                    if (hazard is null) break;
                    var officers = await Reminders.DepartmentOfficersOfAsync(operations, hazard.Domain, cancellationToken);
                    await Reminders.StoreOnceAsync(operations,
                        [.. officers.Select(o => Reminders.Item(requested.HazardId, ReminderKind.ClosureRequested, Reminders.RequestKey(e.Version), o.Id,
                            "重大隐患销号申请待审核", $"{Reminders.Describe(hazard)}（{requested.By.Name} 申请销号）", e.Timestamp))],
                        cancellationToken);
                    break;
                case OverdueEscalated escalated:
                    await SupervisionAsync(operations, escalated, e.Timestamp, cancellationToken);
                    break;
            }
        }

        return await SubscriptionMessages.ScheduleAsync(_services, operations, schedules, m => m.DueAt);
    }

    /// <summary>督办: the town's supervisors when the deadline passed, the officers of the hazard's domain when it went up to them.</summary>
    private static async Task SupervisionAsync(IDocumentOperations operations, OverdueEscalated escalated, DateTimeOffset at, CancellationToken ct)
    {
        var hazard = await operations.LoadAsync<HazardView>(escalated.HazardId, ct);
        if (hazard is null) return;
        var (kind, people, title) = escalated.Tier == SupervisionTier.Town
            ? (ReminderKind.SupervisedByTown, await Reminders.TownSupervisorsOfAsync(operations, hazard.TownId, ct), "逾期隐患督办（街镇）")
            : (ReminderKind.SupervisedByDepartment, await Reminders.DepartmentOfficersOfAsync(operations, hazard.Domain, ct), "逾期隐患督办（职能部门）");
        var body = $"{Reminders.Describe(hazard)}，整改期限 {Local(escalated.Deadline)} 已过仍未整改，请督促整改。";
        await Reminders.StoreOnceAsync(operations,
            [.. people.Select(p => Reminders.Item(escalated.HazardId, kind, Reminders.DeadlineKey(escalated.Deadline), p.Id, title, body, at))], ct);
    }

    private static string Local(DateTimeOffset t) => t.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm");
}
