
namespace AnJiaXing.Hazards.Contracts;

/// <summary>
/// Rectification was assigned (整改): responsible person, deadline, measures, funds; for a major hazard also the
/// contingency plan, completing the "five in place" (五落实).
/// </summary>
public sealed record RectificationAssigned(
    Guid HazardId,
    Guid EnterpriseId,
    Guid ResponsibleUserId,
    string ResponsibleName,
    DateTimeOffset Deadline,
    string? Measures,
    decimal? Funds,
    string? ContingencyPlan,
    Actor By) : IHazardEvent;
