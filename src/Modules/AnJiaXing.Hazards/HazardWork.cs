using Marten;

namespace AnJiaXing.Hazards;

/// <summary>
/// Answers <see cref="FindHazardWork"/> (工作管理) with the module's own rules: the lifecycle says which step a hazard waits
/// for, <see cref="HazardAccess.May"/> whether the caller may take it, within the caller's scope. One exception to "may":
/// a town supervisor may assign rectification, but a reported hazard waits for its enterprise (企业自查自改), so
/// assignments are the enterprise's work. An overdue hazard under supervision is the work of the tier it went to.
/// </summary>
public static class FindHazardWorkHandler
{
    /// <summary>The step a hazard in this state waits for (null: none, it is closed or gone).</summary>
    public static HazardAction? StepOf(HazardStatus status, HazardLevel level) => status switch
    {
        HazardStatus.Reported or HazardStatus.Confirmed => HazardAction.Assign,
        HazardStatus.PendingConfirmation => HazardAction.Confirm,
        HazardStatus.Rectifying => HazardAction.SubmitRectification,
        HazardStatus.AwaitingRecheck => HazardAction.Recheck,
        HazardStatus.Rechecked => level == HazardLevel.Major ? HazardAction.RequestClosure : HazardAction.DecideClosure,
        HazardStatus.ClosureRequested => HazardAction.DecideClosure,
        _ => null
    };

    /// <summary>The states worth loading for a role (the others never wait for it).</summary>
    private static HazardStatus[] StatusesFor(Role role) => role switch
    {
        Role.EnterpriseUser => [HazardStatus.Reported, HazardStatus.Confirmed, HazardStatus.Rectifying, HazardStatus.AwaitingRecheck, HazardStatus.Rechecked],
        Role.TownSupervisor => [HazardStatus.Confirmed, HazardStatus.Rectifying, HazardStatus.AwaitingRecheck, HazardStatus.Rechecked],
        Role.ThirdPartyInspector => [HazardStatus.AwaitingRecheck],
        Role.DepartmentOfficer => [HazardStatus.PendingConfirmation, HazardStatus.Confirmed, HazardStatus.Rectifying, HazardStatus.AwaitingRecheck,
            HazardStatus.ClosureRequested],
        Role.DistrictAdmin => [HazardStatus.PendingConfirmation, HazardStatus.ClosureRequested],
        _ => []
    };

    public static async Task<HazardWork> Handle(FindHazardWork question, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var caller = question.Caller;
        var statuses = StatusesFor(caller.Role);
        if (statuses.Length == 0) return new HazardWork([], 0);
        var now = clock.GetUtcNow();
        var candidates = await session.Query<HazardView>()
            .InScope(caller.Scope.Constraint, nameof(HazardView.EnterpriseId), nameof(HazardView.TownId), domain: nameof(HazardView.Domain))
            .Where(h => h.Status.IsOneOf(statuses))
            .ToListAsync(ct);

        var work = candidates
            .Select(h => (View: h, Step: StepFor(caller, h, now)))
            .Where(x => x.Step is not null)
            .Select(x => new HazardWorkItem(x.View.Id, x.Step!, x.View.Level, x.View.Status, x.View.EnterpriseId, x.View.EnterpriseName, x.View.TownName,
                x.View.Description, x.View.Deadline, HazardLifecycle.IsOverdue(x.View.Status, x.View.Deadline, now), x.View.ReportedAt, x.View.Version))
            // Overdue first, then the nearest deadline, then the oldest report.
            .OrderByDescending(w => w.Overdue).ThenBy(w => w.Deadline ?? DateTimeOffset.MaxValue).ThenBy(w => w.ReportedAt)
            .ToList();
        return new HazardWork([.. work.Take(Math.Clamp(question.Limit, 1, 500))], work.Count);
    }

    private static string? StepFor(Caller caller, HazardView view, DateTimeOffset now)
    {
        if (Supervises(caller, view, now)) return "Supervise";
        if (StepOf(view.Status, view.Level) is not { } step) return null;
        if (step == HazardAction.Assign && caller.Role != Role.EnterpriseUser) return null;
        return HazardAccess.May(caller, step, RulesView(view)) ? step.ToString() : null;
    }

    /// <summary>An overdue hazard escalated to the caller's tier for its current deadline (督办).</summary>
    private static bool Supervises(Caller caller, HazardView view, DateTimeOffset now)
    {
        var tier = caller.Role switch
        {
            Role.TownSupervisor => SupervisionTier.Town,
            Role.DepartmentOfficer => SupervisionTier.Department,
            _ => (SupervisionTier?)null
        };
        return tier is { } t && HazardLifecycle.IsOverdue(view.Status, view.Deadline, now)
               && view.Supervision.Any(s => s.Tier == t && s.Deadline == view.Deadline);
    }

    /// <summary>What the role rules read of a hazard, taken from its read model (the rules never see more).</summary>
    private static Hazard RulesView(HazardView v) => new()
    {
        Id = v.Id, Version = v.Version, EnterpriseId = v.EnterpriseId, EnterpriseName = v.EnterpriseName, TownId = v.TownId, Domain = v.Domain,
        Level = v.Level, Status = v.Status, ReportedBy = v.ReportedBy, ActedOnByOthers = v.ActedOnByOthers,
        ResponsibleUserId = v.Rectification?.Responsible.UserId, RecheckerUserId = v.Rechecker?.UserId, Deadline = v.Deadline
    };
}
