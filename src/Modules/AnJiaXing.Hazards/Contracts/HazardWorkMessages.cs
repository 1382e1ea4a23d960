namespace AnJiaXing.Hazards.Contracts;

/// <summary>
/// A question to the Hazards module (answered in process with <c>IMessageBus.InvokeAsync</c>): which hazards wait for
/// <see cref="Caller"/>'s next step (工作管理)? The Hazards module answers from its own lifecycle and role rules; at most
/// <see cref="Limit"/> items, the most urgent first, and the total.
/// </summary>
public sealed record FindHazardWork(Caller Caller, int Limit);

/// <summary>
/// One hazard waiting for the caller: <see cref="Step"/> is the action it waits for (Confirm, Assign, SubmitRectification,
/// Recheck, RequestClosure, DecideClosure) or Supervise for an overdue hazard escalated to the caller's tier (督办).
/// </summary>
public sealed record HazardWorkItem(
    Guid HazardId,
    string Step,
    HazardLevel Level,
    HazardStatus Status,
    Guid EnterpriseId,
    string EnterpriseName,
    string TownName,
    string Description,
    DateTimeOffset? Deadline,
    bool Overdue,
    DateTimeOffset ReportedAt,
    long Version);

/// <summary>The answer to <see cref="FindHazardWork"/>.</summary>
public sealed record HazardWork(IReadOnlyList<HazardWorkItem> Items, int Total);
