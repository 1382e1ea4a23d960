
namespace AnJiaXing.Hazards.Contracts;

/// <summary>The recheck (复查) found the rectification effective.</summary>
public sealed record RecheckPassed(Guid HazardId, Guid EnterpriseId, string? Remarks, IReadOnlyList<EvidenceRef> Evidence, Actor By) : IHazardEvent;
