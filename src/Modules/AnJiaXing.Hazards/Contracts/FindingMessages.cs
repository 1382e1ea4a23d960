
using Wolverine.Attributes;

namespace AnJiaXing.Hazards.Contracts;

/// <summary>
/// A command to the Hazards module: enter one NonCompliant finding of a submitted inspection into the hazard ledger. Published through Wolverine's
/// outbox in the submit's transaction; <see cref="HazardId"/> is derived from (inspection, item), so every delivery of
/// this message means the same hazard. Carries what reporting the hazard needs, as it was when signed.
/// </summary>
// The identity it had before the modules were split, so envelopes already in the durable inbox are still delivered.
[MessageIdentity("AnJiaXing.Api.Inspections.RaiseHazardFromFinding")]
public sealed record RaiseHazardFromFinding(
    Guid InspectionId,
    string ItemCode,
    Guid HazardId,
    Guid EnterpriseId,
    HazardLevel Level,
    HazardCategory Category,
    string Description,
    string? ChecklistItemCode,
    string? LegalBasis,
    IReadOnlyList<EvidenceRef> Evidence,
    HazardSource Source,
    DateTimeOffset FoundAt,
    Caller Inspector);

/// <summary>The answer to <see cref="RaiseHazardFromFinding"/>: the finding is in the ledger as <see cref="HazardId"/>.</summary>
public sealed record HazardRaisedFromFinding(Guid InspectionId, string ItemCode, Guid HazardId, Actor By);

/// <summary>
/// A question to the Hazards module (answered in process with <c>IMessageBus.InvokeAsync</c>): may <see cref="Caller"/>
/// recheck the hazard now? The Hazards module applies its own scope, role and lifecycle rules.
/// </summary>
public sealed record CheckRecheck(Guid HazardId, Caller Caller);

/// <summary>The answer to <see cref="CheckRecheck"/>. <see cref="Status"/>: 200 allowed, 404 unknown or out of scope, 403 role, 409 state.</summary>
public sealed record RecheckClearance(int Status, string? Refusal, Guid EnterpriseId, HazardStatus? CurrentStatus, long CurrentVersion)
{
    public bool Allowed => Status == 200;
}

/// <summary>
/// A command to the Hazards module, sent through the outbox with the signed submit of a recheck inspection: record its
/// verdict on the hazard, as <see cref="By"/>, through the hazard's own recheck rule.
/// </summary>
public sealed record RecordRecheck(Guid HazardId, Guid InspectionId, bool Passed, string? Remarks, IReadOnlyList<EvidenceRef> Evidence, Caller By);
