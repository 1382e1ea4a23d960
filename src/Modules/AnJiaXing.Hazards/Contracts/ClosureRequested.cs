
namespace AnJiaXing.Hazards.Contracts;

/// <summary>The enterprise applied to close (销号申请) a rechecked major hazard.</summary>
public sealed record ClosureRequested(Guid HazardId, Guid EnterpriseId, string? Remarks, Actor By) : IHazardEvent;
