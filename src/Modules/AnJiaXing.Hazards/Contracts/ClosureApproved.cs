
namespace AnJiaXing.Hazards.Contracts;

/// <summary>The closure decision (销号审核) approved closing the hazard; <see cref="HazardClosed"/> follows in the same append.</summary>
public sealed record ClosureApproved(Guid HazardId, Guid EnterpriseId, string? Remarks, Actor By) : IHazardEvent;
