using Marten;

namespace AnJiaXing.Notices.Reminders;

/// <summary>The reminders' texts, recipients and deterministic inbox items (one per hazard, kind, deadline and person).</summary>
public static class Reminders
{
    public static readonly (ReminderKind Kind, TimeSpan Before)[] DeadlineSchedule =
    [
        (ReminderKind.DeadlineInThreeDays, TimeSpan.FromDays(3)),
        (ReminderKind.DeadlineInOneDay, TimeSpan.FromDays(1)),
        (ReminderKind.DeadlinePassed, TimeSpan.Zero)
    ];

    public static IEnumerable<DeadlineReminderDue> DeadlineReminders(Guid hazardId, DateTimeOffset deadline) =>
        DeadlineSchedule.Select(s => new DeadlineReminderDue(hazardId, s.Kind, deadline, deadline - s.Before));

    public static InboxItem Item(Guid hazardId, ReminderKind kind, string occasion, Guid userId, string title, string body, DateTimeOffset at) =>
        Item(InboxSubject.Hazard, hazardId, kind, occasion, userId, title, body, at);

    public static InboxItem Item(InboxSubject subject, Guid subjectId, ReminderKind kind, string occasion, Guid userId, string title, string body,
        DateTimeOffset at) => new()
    {
        Id = InboxItem.ReminderItemId(subjectId, kind, occasion, userId), UserId = userId, Kind = InboxKind.Reminder, Reminder = kind,
        Subject = subject, SubjectId = subjectId, HazardId = subject == InboxSubject.Hazard ? subjectId : null,
        Title = title, Body = body, From = "系统提醒", ReceivedAt = at
    };

    /// <summary>
    /// Stores the reminder for each person unless it is already there: a redelivered event or message writes nothing
    /// new, and a reminder already read stays read.
    /// </summary>
    public static async Task StoreOnceAsync(IDocumentOperations ops, IReadOnlyList<InboxItem> items, CancellationToken ct)
    {
        if (items.Count == 0) return;
        var existing = (await ops.LoadManyAsync<InboxItem>(ct, items.Select(i => i.Id).ToArray())).Select(i => i.Id).ToHashSet();
        foreach (var item in items.Where(i => !existing.Contains(i.Id))) ops.Store(item);
    }

    /// <summary>The occasion of a deadline reminder: the deadline it is for.</summary>
    public static string DeadlineKey(DateTimeOffset deadline) => $"deadline {deadline.UtcTicks}";

    /// <summary>The occasion of a closure reminder: the request (the hazard's version at it), so a second request after a rejection reminds again.</summary>
    public static string RequestKey(long version) => $"request {version}";

    public static string Describe(HazardView hazard) => $"{hazard.EnterpriseName}：{hazard.Description}";

    /// <summary>The officers of the departments responsible for the hazard's industry domain.</summary>
    public static async Task<IReadOnlyList<Person>> DepartmentOfficersOfAsync(IQuerySession session, IndustryDomain domain, CancellationToken ct)
    {
        var departments = (await session.Query<Organisation>().Where(o => o.Kind == OrganisationKind.Department).ToListAsync(ct))
            .Where(o => o.Domains.Contains(domain)).Select(o => o.Id).ToArray();
        if (departments.Length == 0) return [];
        return [.. await session.Query<Person>().Where(p => p.Enabled && p.Role == Role.DepartmentOfficer && p.OrganisationId.IsOneOf(departments)).ToListAsync(ct)];
    }

    /// <summary>The supervisors of a town (街镇监管人员), to whom an overdue hazard of the town is escalated first.</summary>
    public static async Task<IReadOnlyList<Person>> TownSupervisorsOfAsync(IQuerySession session, Guid townId, CancellationToken ct) =>
        [.. await session.Query<Person>().Where(p => p.Enabled && p.Role == Role.TownSupervisor && p.TownId == townId).ToListAsync(ct)];

    /// <summary>The enterprise's own users, to whom a passed deadline is reported besides the responsible person.</summary>
    public static async Task<IReadOnlyList<Person>> EnterpriseUsersOfAsync(IQuerySession session, Guid enterpriseId, CancellationToken ct) =>
        [.. await session.Query<Person>().Where(p => p.Enabled && p.Role == Role.EnterpriseUser && p.OrganisationId == enterpriseId).ToListAsync(ct)];
}
