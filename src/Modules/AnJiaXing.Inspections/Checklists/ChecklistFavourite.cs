namespace AnJiaXing.Inspections.Checklists;

/// <summary>
/// A user's mark on a checklist they use often (常用检查表). A personal preference, not an act of supervision,
/// so it is a plain document rather than an event (ADR 0014).
/// </summary>
public sealed class ChecklistFavourite
{
    public string Id { get; set; } = "";
    public Guid UserId { get; set; }
    public Guid ChecklistId { get; set; }
    public DateTimeOffset MarkedAt { get; set; }

    public static string IdFor(Guid userId, Guid checklistId) => $"{userId:N}:{checklistId:N}";
}
