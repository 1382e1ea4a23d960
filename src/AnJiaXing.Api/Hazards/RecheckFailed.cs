using AnJiaXing.Api.Evidence;
using AnJiaXing.Api.Infrastructure.Security;

namespace AnJiaXing.Api.Hazards;

/// <summary>The recheck found the rectification insufficient; <paramref name="Remarks"/> gives the reasons. Rectification resumes.</summary>
public sealed record RecheckFailed(Guid HazardId, Guid EnterpriseId, string Remarks, IReadOnlyList<EvidenceRef> Evidence, Actor By) : IHazardEvent;
