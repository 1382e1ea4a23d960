
namespace AnJiaXing.Inspections.Contracts;

/// <summary>
/// One check (检查项). <paramref name="Code"/> is unique within its checklist and stable across versions, so an
/// inspection finds its item by code in the version it pinned. <paramref name="LegalBasis"/> names the criterion
/// and clause (依据); <paramref name="SuggestedLevel"/> is Major when the item matches a major-hazard criterion.
/// </summary>
public sealed record ChecklistItem(string Code, string Category, string Content, string LegalBasis, HazardLevel SuggestedLevel);
