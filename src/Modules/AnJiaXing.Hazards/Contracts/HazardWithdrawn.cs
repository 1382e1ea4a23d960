
namespace AnJiaXing.Hazards.Contracts;

/// <summary>The reporter withdrew a mistaken entry before anyone else acted on it. The stream keeps it.</summary>
public sealed record HazardWithdrawn(Guid HazardId, Guid EnterpriseId, string Reason, Actor By) : IHazardEvent;
