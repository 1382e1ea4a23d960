
namespace AnJiaXing.Hazards.Contracts;

/// <summary>A general hazard was re-classified as major; it now awaits the department's confirmation.</summary>
public sealed record HazardEscalated(Guid HazardId, Guid EnterpriseId, string Reason, Actor By) : IHazardEvent;
