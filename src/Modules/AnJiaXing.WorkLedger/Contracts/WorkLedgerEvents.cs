namespace AnJiaXing.WorkLedger.Contracts;

/// <summary>The three kinds of record of the work ledger (工作台账).</summary>
public enum WorkLedgerKind
{
    Meeting,            // 会议记录
    SpecialAction,      // 专项行动
    SupervisionUpdate   // 监管动态
}

/// <summary>
/// What a work-ledger record holds. Common: title, the time it is filed under, the text (minutes of a meeting, goals of a
/// special action, body of an update). A meeting adds place, attendees, decisions; a special action its period, towns,
/// domains and the inspection plans, inspections and hazards linked to it (its progress is counted from them).
/// <see cref="Attachments"/>: stored evidence (a meeting's minutes as signed, photos of a night check), absent in records
/// from before attachments were taken.
/// </summary>
public sealed record WorkLedgerContent(
    string Title,
    DateTimeOffset At,
    string Text,
    string? Place,
    IReadOnlyList<string> Attendees,
    string? Decisions,
    DateOnly? From,
    DateOnly? To,
    IReadOnlyList<Guid> TownIds,
    IReadOnlyList<IndustryDomain> Domains,
    IReadOnlyList<Guid> PlanIds,
    IReadOnlyList<Guid> InspectionIds,
    IReadOnlyList<Guid> HazardIds,
    IReadOnlyList<EvidenceRef>? Attachments = null);

/// <summary>A record was entered in the work ledger, for a town or (no town) the district.</summary>
public sealed record WorkLedgerEntryRecorded(
    Guid EntryId,
    WorkLedgerKind Kind,
    Guid? TownId,
    string? TownName,
    WorkLedgerContent Content,
    Actor By);

/// <summary>A record's content was replaced.</summary>
public sealed record WorkLedgerEntryRevised(
    Guid EntryId,
    WorkLedgerKind Kind,
    WorkLedgerContent Content,
    Actor By);
