
namespace AnJiaXing.Inspections.Contracts;

/// <summary>An edit: the whole content of the new version, so every version can be read on its own.</summary>
public sealed record ChecklistRevised(
    Guid ChecklistId,
    string Name,
    IReadOnlyList<ChecklistItem> Items,
    string? Note,
    Actor By);
