using Marten;
using Wolverine.Attributes;

namespace AnJiaXing.RiskControl.Contracts;

/// <summary>
/// A patrol task's window falls due for its check (scheduled durably on the risk-control queue, at the window's end):
/// if it closed without all its patrols, <see cref="PatrolMissed"/> is appended once. Carries the window it is for; a
/// copy for a window already checked does nothing.
/// </summary>
[MessageIdentity("AnJiaXing.RiskControl.PatrolWindowCloses")]
public sealed record PatrolWindowCloses(Guid TaskId, DateTimeOffset WindowStart, DateTimeOffset WindowEnd);

/// <summary>A window open now whose patrols are not all made yet (巡查待办): what reminders and "my work" list.</summary>
public sealed record PatrolDue(
    Guid TaskId, string TaskName, Guid? EnterpriseId, string? EnterpriseName, Guid TownId,
    DateTimeOffset From, DateTimeOffset To, int Required, int Done, IReadOnlyList<Guid> UnpatrolledRiskPointIds, IReadOnlyList<RiskResponsible> Assignees);

/// <summary>Patrol completion (巡查完成率) over the windows that closed in a period: patrols made of those required, windows done and missed.</summary>
public sealed record PatrolCompletion(int Tasks, int Windows, int DoneWindows, int MissedWindows, int Required, int Done)
{
    public static readonly PatrolCompletion None = new(0, 0, 0, 0, 0, 0);

    /// <summary>Patrols made of those required (4 decimals); null when no window closed in the period.</summary>
    public double? Rate => Required == 0 ? null : Math.Round((double)Done / Required, 4);
}

/// <summary>Reads of patrol occurrences for other modules (Notices, Statistics), on the published read models.</summary>
public static class PatrolOccurrences
{
    /// <summary>The windows open at <paramref name="now"/> and not yet done, of the tasks in scope (of one assignee if given).</summary>
    public static async Task<IReadOnlyList<PatrolDue>> DueAsync(IQuerySession session, ScopeConstraint scope, Guid? assigneeUserId,
        DateTimeOffset now, CancellationToken ct)
    {
        var query = session.Query<PatrolTaskView>().InScope(scope,
            nameof(PatrolTaskView.EnterpriseId), nameof(PatrolTaskView.TownId), domain: nameof(PatrolTaskView.Domain)).Where(t => t.StartsAt <= now);
        if (assigneeUserId is { } u) query = query.Where(t => t.Assignees.Any(a => a.UserId == u));
        var tasks = await query.ToListAsync(ct);
        if (tasks.Count == 0) return [];
        var patrols = await PatrolsAsync(session, tasks, PatrolCalendar.WindowStart(PatrolFrequency.Month, now), now.AddMinutes(5), ct);
        var due = new List<PatrolDue>();
        foreach (var t in tasks)
        {
            var start = PatrolCalendar.WindowStart(t.Schedule.Every, now);
            var end = PatrolCalendar.Next(t.Schedule.Every, start);
            var mine = patrols.GetValueOrDefault(t.Id, []);
            var done = PatrolCalendar.DoneIn(t.Schedule, t.RiskPointIds, mine, start, end);
            var required = t.Schedule.Times * t.RiskPointIds.Count;
            if (done < required)
                due.Add(new PatrolDue(t.Id, t.Name, t.EnterpriseId, t.EnterpriseName, t.TownId, start, end, required, done,
                    PatrolCalendar.ShortIn(t.Schedule, t.RiskPointIds, mine, start, end), t.Assignees));
        }
        return [.. due.OrderBy(d => d.To).ThenBy(d => d.TaskName, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Completion over the windows that closed within [<paramref name="from"/>, <paramref name="to"/>) by <paramref name="now"/>, of the
    /// tasks in scope (of one enterprise if given). An open window counts once it closes, so the rate never drops mid-window.
    /// </summary>
    public static async Task<PatrolCompletion> CompletionAsync(IQuerySession session, ScopeConstraint scope, Guid? enterpriseId,
        DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, CancellationToken ct)
    {
        var query = session.Query<PatrolTaskView>().InScope(scope,
            nameof(PatrolTaskView.EnterpriseId), nameof(PatrolTaskView.TownId), domain: nameof(PatrolTaskView.Domain)).Where(t => t.StartsAt < to);
        if (enterpriseId is { } e) query = query.Where(t => t.EnterpriseId == e);
        var tasks = await query.ToListAsync(ct);
        if (tasks.Count == 0) return PatrolCompletion.None;
        var until = to < now ? to : now;
        var patrols = await PatrolsAsync(session, tasks, from, until, ct);
        int windows = 0, doneWindows = 0, missed = 0, required = 0, done = 0;
        foreach (var t in tasks)
            foreach (var o in PatrolCalendar.Occurrences(t.Schedule, t.StartsAt, t.RiskPointIds, patrols.GetValueOrDefault(t.Id, []), from, until, now, t.MissedWindows))
            {
                if (o.From < from || o.To > until || o.Status is not (OccurrenceStatus.Done or OccurrenceStatus.Missed)) continue;
                windows++;
                if (o.Status == OccurrenceStatus.Done) doneWindows++; else missed++;
                required += o.Required;
                done += o.Done;
            }
        return new PatrolCompletion(tasks.Count, windows, doneWindows, missed, required, done);
    }

    private static async Task<Dictionary<Guid, IReadOnlyList<(Guid RiskPointId, DateTimeOffset At)>>> PatrolsAsync(
        IQuerySession session, IReadOnlyList<PatrolTaskView> tasks, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var ids = tasks.Select(t => (Guid?)t.Id).ToArray();
        // A week's window may start before the month's first day: look back far enough for the earliest window.
        var since = from.AddDays(-7);
        var rows = await session.Query<PatrolRecordView>()
            .Where(r => r.TaskId.IsOneOf(ids) && r.PatrolledAt >= since && r.PatrolledAt < to)
            .Select(r => new { r.TaskId, r.RiskPointId, r.PatrolledAt }).ToListAsync(ct);
        return rows.GroupBy(r => r.TaskId!.Value).ToDictionary(g => g.Key,
            g => (IReadOnlyList<(Guid, DateTimeOffset)>)g.Select(r => (r.RiskPointId, r.PatrolledAt)).ToList());
    }
}
