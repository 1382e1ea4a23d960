
namespace AnJiaXing.Hazards.Contracts;

/// <summary>The department judged a reported major hazard to be general; it continues as a general hazard.</summary>
public sealed record HazardDowngraded(Guid HazardId, Guid EnterpriseId, string Reason, Actor By) : IHazardEvent;
