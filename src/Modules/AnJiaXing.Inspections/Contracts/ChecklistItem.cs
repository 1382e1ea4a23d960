
namespace AnJiaXing.Inspections.Contracts;

/// <summary>
/// One check (检查项). <paramref name="Code"/> is unique within its checklist and stable across versions, so an
/// inspection finds its item by code in the version it pinned. <paramref name="LegalBasis"/> names the criterion
/// and clause (依据); <paramref name="SuggestedLevel"/> is Major when the item matches a major-hazard criterion.
/// <paramref name="Finding"/> is what a NonCompliant result states (“未制定…”): the hazard an inspection raises from the
/// item says it rather than the item's question. Items written before it existed have none; their question is turned
/// into a finding by rule (<c>InspectionFindings.Describe</c>).
/// </summary>
public sealed record ChecklistItem(string Code, string Category, string Content, string LegalBasis, HazardLevel SuggestedLevel, string? Finding = null);
