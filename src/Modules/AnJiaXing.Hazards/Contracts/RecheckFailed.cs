
namespace AnJiaXing.Hazards.Contracts;

/// <summary>The recheck found the rectification insufficient; <paramref name="Remarks"/> gives the reasons. Rectification resumes.</summary>
public sealed record RecheckFailed(Guid HazardId, Guid EnterpriseId, string Remarks, IReadOnlyList<EvidenceRef> Evidence, Actor By) : IHazardEvent;
