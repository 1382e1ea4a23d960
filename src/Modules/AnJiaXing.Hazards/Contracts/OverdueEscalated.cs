using Wolverine.Attributes;

namespace AnJiaXing.Hazards.Contracts;

/// <summary>Who supervises an overdue hazard (督办): first its town, then the department of its domain.</summary>
public enum SupervisionTier
{
    Town,
    Department
}

/// <summary>
/// The hazard's rectification deadline passed while it still waited for rectification, and it was put under supervision
/// (逾期督办) at <see cref="Tier"/>: the town when the deadline passed, the department of its domain some days later (at
/// once for a major hazard). Appended by the service itself (<see cref="By"/> is the system), at most once per deadline and
/// tier. It changes neither status nor level; a later extension sets a new deadline that may be escalated again.
/// </summary>
public sealed record OverdueEscalated(
    Guid HazardId,
    Guid EnterpriseId,
    DateTimeOffset Deadline,
    SupervisionTier Tier,
    DateTimeOffset EscalatedAt,
    Actor By) : IHazardEvent;

/// <summary>
/// An overdue escalation falls due: scheduled durably (on the Hazards module's supervision queue) for every deadline
/// the hazard gets, at the deadline for the town and some days later for the department. It carries the deadline it
/// was scheduled for; if that is no longer the hazard's deadline or the hazard left rectification, it appends nothing.
/// </summary>
[MessageIdentity("AnJiaXing.Hazards.OverdueEscalationDue")]
public sealed record OverdueEscalationDue(Guid HazardId, DateTimeOffset Deadline, SupervisionTier Tier, DateTimeOffset DueAt);
