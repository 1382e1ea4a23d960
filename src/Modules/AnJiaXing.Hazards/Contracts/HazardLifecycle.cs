namespace AnJiaXing.Hazards.Contracts;

/// <summary>
/// The lifecycle of domain.md as one function from (status, event) to the next status, used by every read model
/// that needs a hazard's status, so the transitions are stated once.
/// </summary>
public static class HazardLifecycle
{
    public static HazardStatus InitialStatus(HazardLevel level) =>
        level == HazardLevel.Major ? HazardStatus.PendingConfirmation : HazardStatus.Reported;

    public static HazardStatus After(HazardStatus current, object @event) => @event switch
    {
        HazardReported e => InitialStatus(e.Level),
        HazardConfirmed => HazardStatus.Confirmed,
        HazardDowngraded => HazardStatus.Reported,
        HazardEscalated => HazardStatus.PendingConfirmation,
        HazardDismissed => HazardStatus.Dismissed,
        HazardWithdrawn => HazardStatus.Withdrawn,
        RectificationAssigned => HazardStatus.Rectifying,
        RectificationSubmitted => HazardStatus.AwaitingRecheck,
        RecheckPassed => HazardStatus.Rechecked,
        RecheckFailed => HazardStatus.Rectifying,
        ClosureRequested => HazardStatus.ClosureRequested,
        ClosureRejected => HazardStatus.Rectifying,
        HazardClosed => HazardStatus.Closed,
        _ => current // deadline extended, rechecker designated, closure approved (HazardClosed follows), overdue escalated
    };

    /// <summary>The level after an event: escalation makes a hazard Major, a downgrade General; nothing else changes it.</summary>
    public static HazardLevel LevelAfter(HazardLevel current, object @event) => @event switch
    {
        HazardReported e => e.Level,
        HazardEscalated => HazardLevel.Major,
        HazardDowngraded => HazardLevel.General,
        _ => current
    };

    /// <summary>The rectification deadline after an event: set by the assignment, moved by an extension.</summary>
    public static DateTimeOffset? DeadlineAfter(DateTimeOffset? current, object @event) => @event switch
    {
        RectificationAssigned a => a.Deadline,
        DeadlineExtended d => d.NewDeadline,
        _ => current
    };

    /// <summary>Closed on time (按期销案): by the deadline; a hazard without one (closed on the spot) counts as on time.</summary>
    public static bool ClosedOnTime(DateTimeOffset? deadline, DateTimeOffset closedAt) => deadline is not { } d || closedAt <= d;

    /// <summary>All the hazard's event types, for projections that name what they consume.</summary>
    public static readonly Type[] EventTypes =
    [
        typeof(HazardReported), typeof(HazardConfirmed), typeof(HazardDowngraded), typeof(HazardEscalated),
        typeof(HazardDismissed), typeof(HazardWithdrawn), typeof(RectificationAssigned), typeof(DeadlineExtended),
        typeof(RecheckerDesignated), typeof(RectificationSubmitted), typeof(RecheckPassed), typeof(RecheckFailed),
        typeof(ClosureRequested), typeof(ClosureApproved), typeof(ClosureRejected), typeof(HazardClosed),
        typeof(OverdueEscalated)
    ];

    public static HazardStatus StatusAfter(HazardStatus current, IEnumerable<object> events) => events.Aggregate(current, After);

    public static HazardLevel LevelAfter(HazardLevel current, IEnumerable<object> events) => events.Aggregate(current, LevelAfter);

    public static bool IsOpen(HazardStatus status) =>
        status is not (HazardStatus.Closed or HazardStatus.Dismissed or HazardStatus.Withdrawn);

    /// <summary>Overdue (逾期) is derived: the deadline passed while the hazard is still Confirmed or Rectifying.</summary>
    public static bool IsOverdue(HazardStatus status, DateTimeOffset? deadline, DateTimeOffset now) =>
        deadline is { } d && d < now && status is HazardStatus.Confirmed or HazardStatus.Rectifying;

    public static readonly HazardStatus[] OverdueStatuses = [HazardStatus.Confirmed, HazardStatus.Rectifying];
}
