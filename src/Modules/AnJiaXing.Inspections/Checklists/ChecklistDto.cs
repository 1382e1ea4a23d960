
namespace AnJiaXing.Inspections.Checklists;

/// <summary>A checklist as clients see it: one version with all its items.</summary>
public sealed record ChecklistDto(
    Guid Id,
    string Name,
    ChecklistKind Kind,
    IndustryDomain? Domain,
    int Version,
    bool BuiltIn,
    bool Retired,
    Guid? OwnerOrganisationId,
    string? OwnerOrganisationName,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    IReadOnlyList<ChecklistItem> Items)
{
    public static ChecklistDto From(Checklist c) => new(
        c.Id, c.Name, c.Kind, c.Domain, c.Version, c.BuiltInKey is not null, c.Retired,
        c.OwnerOrganisationId, c.OwnerOrganisationName, c.UpdatedAt, c.UpdatedBy, c.Items);
}
