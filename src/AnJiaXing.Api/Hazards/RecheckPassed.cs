using AnJiaXing.Api.Evidence;
using AnJiaXing.Api.Infrastructure.Security;

namespace AnJiaXing.Api.Hazards;

/// <summary>The recheck (复查) found the rectification effective.</summary>
public sealed record RecheckPassed(Guid HazardId, Guid EnterpriseId, string? Remarks, IReadOnlyList<EvidenceRef> Evidence, Actor By) : IHazardEvent;
