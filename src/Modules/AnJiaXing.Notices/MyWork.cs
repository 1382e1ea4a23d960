using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace AnJiaXing.Notices;

/// <summary>An enterprise of an inspection plan the caller inspects for, not yet inspected under the plan (a draft of the caller's may be open).</summary>
public sealed record PlannedInspectionWork(Guid PlanId, string PlanName, DateOnly PeriodStart, DateOnly PeriodEnd, Guid EnterpriseId, string EnterpriseName,
    Guid? DraftInspectionId);

/// <summary>A patrol task of the caller's whose current window is not done yet: <see cref="Done"/> of <see cref="Required"/> patrols.</summary>
public sealed record PatrolWork(Guid TaskId, string Name, string? EnterpriseName, DateTimeOffset WindowFrom, DateTimeOffset WindowTo, int Required, int Done);

/// <summary>A notice that reached the caller and waits for their reply.</summary>
public sealed record NoticeAwaitingReply(Guid NoticeId, string Title, string From, DateTimeOffset ReceivedAt, DateTimeOffset? ReplyBy, bool PastReplyBy);

/// <summary>
/// The caller's to-do (工作管理): the hazards waiting for their step (at most 100, the most urgent first; the total in
/// <see cref="HazardTotal"/>), the planned inspections assigned to them, their patrols due and the notices waiting for
/// their reply.
/// </summary>
public sealed record MyWork(
    IReadOnlyList<HazardWorkItem> Hazards,
    int HazardTotal,
    IReadOnlyList<PlannedInspectionWork> Inspections,
    IReadOnlyList<PatrolWork> Patrols,
    IReadOnlyList<NoticeAwaitingReply> Notices);

public static class MyWorkEndpoint
{
    public const int HazardLimit = 100;

    /// <summary>
    /// What waits for the caller. Hazards come from the Hazards module's own rules (asked in process); inspections from
    /// the plans naming the caller; patrols from the tasks naming the caller; notices from the caller's own inbox.
    /// </summary>
    [Authorize]
    [WolverineGet("/api/my/work", OperationId = "MyWork")]
    public static async Task<MyWork> Get(ClaimsPrincipal user, IQuerySession session, IMessageBus bus, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var now = clock.GetUtcNow();
        var hazards = await bus.InvokeAsync<HazardWork>(new FindHazardWork(caller, HazardLimit), ct);
        return new MyWork(hazards.Items, hazards.Total, await WorkQueries.InspectionsAsync(session, caller, now, ct),
            await WorkQueries.PatrolsAsync(session, caller, now, ct), await WorkQueries.NoticesAsync(session, caller, now, ct));
    }
}

internal static class WorkQueries
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>Plans whose period has not ended and that name the caller as an inspector: their enterprises without a submitted inspection under the plan.</summary>
    public static async Task<IReadOnlyList<PlannedInspectionWork>> InspectionsAsync(IQuerySession session, Caller caller, DateTimeOffset now, CancellationToken ct)
    {
        if (caller.Role is Role.EnterpriseUser or Role.Auditor) return [];
        var today = DateOnly.FromDateTime(now.ToOffset(China).DateTime);
        var plans = (await session.Events.QueryRawEventDataOnly<InspectionPlanned>().Where(p => p.PeriodEnd >= today).ToListAsync(ct))
            .Where(p => p.Inspectors.Any(i => i.UserId == caller.UserId)).ToList();
        if (plans.Count == 0) return [];

        var planIds = plans.Select(p => (Guid?)p.PlanId).ToArray();
        var records = await session.Query<InspectionRecord>().Where(r => r.PlanId.IsOneOf(planIds)).ToListAsync(ct);
        var done = records.Where(r => r.Status == InspectionStatus.Submitted).Select(r => (r.PlanId!.Value, r.EnterpriseId)).ToHashSet();
        var drafts = records.Where(r => r.Status == InspectionStatus.Draft && r.InspectorId == caller.UserId)
            .GroupBy(r => (r.PlanId!.Value, r.EnterpriseId)).ToDictionary(g => g.Key, g => g.First().Id);
        return
        [
            .. from p in plans.OrderBy(p => p.PeriodEnd).ThenBy(p => p.Name, StringComparer.Ordinal)
               from e in p.Enterprises
               where !done.Contains((p.PlanId, (Guid?)e.EnterpriseId))
               select new PlannedInspectionWork(p.PlanId, p.Name, p.PeriodStart, p.PeriodEnd, e.EnterpriseId, e.Name,
                   drafts.TryGetValue((p.PlanId, e.EnterpriseId), out var draft) ? draft : null)
        ];
    }

    /// <summary>The caller's patrol tasks (RiskControl's published views) whose current window still lacks patrols.</summary>
    public static async Task<IReadOnlyList<PatrolWork>> PatrolsAsync(IQuerySession session, Caller caller, DateTimeOffset now, CancellationToken ct)
    {
        var tasks = (await session.Query<PatrolTaskView>()
                .InScope(caller.Scope.Constraint, nameof(PatrolTaskView.EnterpriseId), nameof(PatrolTaskView.TownId), domain: nameof(PatrolTaskView.Domain))
                .ToListAsync(ct))
            // Compared here, not in SQL: PostgreSQL rounds the stored time to microseconds, which can put a task that starts now after now.
            .Where(t => t.StartsAt <= now && t.Assignees.Any(a => a.UserId == caller.UserId)).ToList();
        var work = new List<PatrolWork>();
        foreach (var task in tasks)
        {
            var (from, to) = PatrolWindow.Around(task.Schedule.Every, now);
            var taskId = task.Id;
            var patrols = await session.Query<PatrolRecordView>().Where(p => p.TaskId == taskId && p.PatrolledAt >= from && p.PatrolledAt < to).ToListAsync(ct);
            var required = task.Schedule.Times * task.RiskPointIds.Count;
            var done = task.RiskPointIds.Sum(id => Math.Min(task.Schedule.Times, patrols.Count(p => p.RiskPointId == id)));
            if (done < required) work.Add(new PatrolWork(task.Id, task.Name, task.EnterpriseName, from, to, required, done));
        }
        return [.. work.OrderBy(w => w.WindowTo).ThenBy(w => w.Name, StringComparer.Ordinal)];
    }

    public static async Task<IReadOnlyList<NoticeAwaitingReply>> NoticesAsync(IQuerySession session, Caller caller, DateTimeOffset now, CancellationToken ct)
    {
        var me = caller.UserId;
        var items = await session.Query<InboxItem>()
            .Where(i => i.UserId == me && i.Kind == InboxKind.Notice && i.ReplyRequired && i.RepliedAt == null)
            .OrderBy(i => i.ReceivedAt).ToListAsync(ct);
        return [.. items.Select(i => new NoticeAwaitingReply(i.NoticeId!.Value, i.Title, i.From, i.ReceivedAt, i.ReplyBy, i.ReplyBy is { } by && by < now))
            .OrderBy(n => n.ReplyBy ?? DateTimeOffset.MaxValue)];
    }
}

/// <summary>The window of a patrol schedule a moment falls in: RiskControl's published patrol calendar (China time).</summary>
public static class PatrolWindow
{
    public static (DateTimeOffset From, DateTimeOffset To) Around(PatrolFrequency every, DateTimeOffset at)
    {
        var from = PatrolCalendar.WindowStart(every, at);
        return (from, PatrolCalendar.Next(every, from));
    }
}
