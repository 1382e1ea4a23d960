
namespace AnJiaXing.Inspections.Contracts;

/// <summary>A checklist was taken out of use. Its versions stay readable for the inspections that pinned them.</summary>
public sealed record ChecklistRetired(Guid ChecklistId, string? Reason, Actor By);
