
namespace AnJiaXing.Hazards.Contracts;

/// <summary>The responsible department confirmed a reported major hazard (重大隐患审核).</summary>
public sealed record HazardConfirmed(Guid HazardId, Guid EnterpriseId, string? Remarks, Actor By) : IHazardEvent;
