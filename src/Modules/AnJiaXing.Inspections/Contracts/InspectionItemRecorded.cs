
namespace AnJiaXing.Inspections.Contracts;

/// <summary>
/// The result of one item, recorded (or corrected, same code) while the inspection is a draft. Content, category,
/// legal basis and suggested level are copied from the pinned checklist item, so the record reads on its own; a
/// free-text finding has no checklist item and a generated code (F1, F2, …). <see cref="Level"/> is the inspector's
/// own choice, if any; <see cref="Category"/> the hazard category a NonCompliant result raises.
/// </summary>
public sealed record InspectionItemRecorded(
    Guid InspectionId,
    string ItemCode,
    bool FromChecklist,
    string ItemCategory,
    string Content,
    string? LegalBasis,
    HazardLevel SuggestedLevel,
    ItemResult Result,
    string? Notes,
    IReadOnlyList<EvidenceRef> Evidence,
    HazardLevel? Level,
    HazardCategory Category,
    Actor By) : IInspectionEvent;
