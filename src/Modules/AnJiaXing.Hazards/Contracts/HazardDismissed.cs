
namespace AnJiaXing.Hazards.Contracts;

/// <summary>The department found that the reported major hazard is not a hazard.</summary>
public sealed record HazardDismissed(Guid HazardId, Guid EnterpriseId, string Reason, Actor By) : IHazardEvent;
