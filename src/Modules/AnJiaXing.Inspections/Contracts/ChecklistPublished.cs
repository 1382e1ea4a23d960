
namespace AnJiaXing.Inspections.Contracts;

/// <summary>
/// A checklist came into use as version 1. Custom checklists name their owning organisation; built-in ones carry
/// the key of the resource they were published from.
/// </summary>
public sealed record ChecklistPublished(
    Guid ChecklistId,
    string Name,
    ChecklistKind Kind,
    IndustryDomain? Domain,
    Guid? OwnerOrganisationId,
    string? OwnerOrganisationName,
    string? BuiltInKey,
    IReadOnlyList<ChecklistItem> Items,
    Actor By);
