using Marten;
using Wolverine;

namespace AnJiaXing.Notices.Reminders;

/// <summary>
/// A deadline reminder fell due. It reminds only if the deadline it was scheduled for is still the hazard's deadline
/// and the hazard is still waiting for rectification; if it fires early by the service's clock it waits again.
/// </summary>
public static class DeadlineReminderHandler
{
    public static async Task Handle(DeadlineReminderDue due, IDocumentSession session, IMessageContext context, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now < due.DueAt)
        {
            await context.ScheduleAsync(due, due.DueAt);
            return;
        }

        var hazard = await session.LoadAsync<HazardView>(due.HazardId, ct);
        if (hazard?.Deadline != due.Deadline || !HazardLifecycle.OverdueStatuses.Contains(hazard.Status)) return;

        var people = new Dictionary<Guid, string>();
        if (hazard.Rectification is { } plan) people[plan.Responsible.UserId] = plan.Responsible.Name;
        if (due.Kind == ReminderKind.DeadlinePassed)
            foreach (var p in await Reminders.EnterpriseUsersOfAsync(session, hazard.EnterpriseId, ct)) people[p.Id] = p.DisplayName;

        var (title, body) = due.Kind switch
        {
            ReminderKind.DeadlineInThreeDays => ("整改期限还剩 3 天", $"{Reminders.Describe(hazard)}，请在期限前完成整改。"),
            ReminderKind.DeadlineInOneDay => ("整改期限还剩 1 天", $"{Reminders.Describe(hazard)}，请在期限前完成整改。"),
            _ => ("隐患已逾期", $"{Reminders.Describe(hazard)}，整改期限已过，请立即整改。")
        };
        await Reminders.StoreOnceAsync(session, [.. people.Keys.Select(id => Reminders.Item(hazard.Id, due.Kind, Reminders.DeadlineKey(due.Deadline), id, title, body, now))], ct);
    }
}
