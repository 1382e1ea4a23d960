
namespace AnJiaXing.Hazards.Contracts;

/// <summary>
/// The hazard left the ledger's open list (销案). Every path to Closed ends with this event: after a passed recheck
/// by town staff (general) or after an approved closure decision. <paramref name="Basis"/> names the decision it
/// rests on; <paramref name="Evidence"/> the evidence of that decision.
/// </summary>
public sealed record HazardClosed(Guid HazardId, Guid EnterpriseId, string Basis, IReadOnlyList<EvidenceRef> Evidence, Actor By) : IHazardEvent;
