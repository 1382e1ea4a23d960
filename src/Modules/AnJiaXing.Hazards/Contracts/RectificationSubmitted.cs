
namespace AnJiaXing.Hazards.Contracts;

/// <summary>The enterprise reported the rectification done; <paramref name="OnTheSpot"/> when fixed immediately (立即整改) without an assignment.</summary>
public sealed record RectificationSubmitted(
    Guid HazardId,
    Guid EnterpriseId,
    string Description,
    IReadOnlyList<EvidenceRef> Evidence,
    bool OnTheSpot,
    Actor By) : IHazardEvent;
