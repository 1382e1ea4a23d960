using Wolverine.Attributes;

namespace AnJiaXing.Hazards.Contracts;

/// <summary>
/// A command to the Hazards module: enter one abnormal result (<c>ok: false</c>) of a risk patrol (风险巡查) into the hazard
/// ledger as a General hazard with source <see cref="HazardSource.RiskPatrol"/>. Published through Wolverine's outbox in the
/// patrol record's transaction; <see cref="HazardId"/> is derived from (patrol, item), so every delivery of this message
/// means the same hazard. Carries what reporting the hazard needs, as it was when recorded.
/// </summary>
[MessageIdentity("AnJiaXing.Hazards.RaiseHazardFromPatrol")]
public sealed record RaiseHazardFromPatrol(
    Guid PatrolId,
    string Item,
    Guid HazardId,
    Guid EnterpriseId,
    Guid RiskPointId,
    string RiskPointName,
    IndustryDomain Domain,
    string Description,
    string? Location,
    IReadOnlyList<EvidenceRef> Evidence,
    DateTimeOffset FoundAt,
    Caller Patroller);
