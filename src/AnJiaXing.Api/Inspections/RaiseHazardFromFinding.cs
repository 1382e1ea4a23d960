using AnJiaXing.Api.Evidence;
using AnJiaXing.Api.Hazards;
using AnJiaXing.Api.Infrastructure.Security;

namespace AnJiaXing.Api.Inspections;

/// <summary>
/// Enter one NonCompliant finding of a submitted inspection into the hazard ledger. Published through Wolverine's
/// outbox in the submit's transaction; <see cref="HazardId"/> is derived from (inspection, item), so every delivery of
/// this message means the same hazard. Carries what <see cref="Hazard.Report"/> needs, as it was when signed.
/// </summary>
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
    Caller Inspector)
{
    public static RaiseHazardFromFinding For(InspectionRecord r, InspectionItem item, Caller inspector, DateTimeOffset signedAt) => new(
        r.Id, item.Code, Inspection.HazardIdFor(r.Id, item.Code), r.EnterpriseId!.Value, Inspection.LevelFor(item), item.Category,
        item.Notes is null ? item.Content : $"{item.Content}（{item.Notes}）",
        item.FromChecklist ? item.Code : null, item.LegalBasis, item.Evidence,
        Inspection.SourceFor(r.Kind, inspector.Role), signedAt, inspector);
}
