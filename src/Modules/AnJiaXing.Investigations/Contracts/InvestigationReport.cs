namespace AnJiaXing.Investigations.Contracts;

/// <summary>
/// The findings of an investigation (<c>GET /api/investigations/{id}</c>): every inspection with its items and every
/// hazard with each of its steps in scope and period, who did each step, its signatures and its standing in the
/// ledger, overdue days, escalations and the responsible parties (三管三必须).
/// </summary>
public sealed record InvestigationReport(
    Guid Id,
    long Version,
    string Subject,
    InvestigationScope Scope,
    DateTimeOffset From,
    DateTimeOffset To,
    long CutOffSequence,
    DateTimeOffset OpenedAt,
    Actor OpenedBy,
    InvestigationSummary Summary,
    LedgerHeadStanding? Head,
    IReadOnlyList<InspectionFinding> Inspections,
    IReadOnlyList<HazardFinding> Hazards,
    IReadOnlyList<BundleExport> Bundles,
    IReadOnlyList<MissedPatrolFinding> MissedPatrols);

/// <summary>
/// A risk patrol window of the scope that closed short in the period (漏巡, RiskControl's <c>PatrolMissed</c>): the task,
/// the window, required and done, the points left unpatrolled, who should have patrolled, and where the fact sits in
/// the ledger (its global sequence).
/// </summary>
public sealed record MissedPatrolFinding(
    Guid TaskId, string TaskName, Guid? EnterpriseId, string? EnterpriseName, DateTimeOffset From, DateTimeOffset To, int Required, int Done,
    int UnpatrolledPoints, IReadOnlyList<string> Patrollers, long Sequence);

/// <summary>What was investigated: an enterprise or a town.</summary>
public sealed record InvestigationScope(string Kind, Guid Id, string Name);

/// <summary>Hand-countable totals of the findings.</summary>
public sealed record InvestigationSummary(
    int Inspections, int InspectionItems, int NonCompliantItems, int Hazards, int MajorHazards, int ClosedHazards, int OverdueHazards,
    int OverdueDays, int Escalations, int Steps, int PersonallySigned, int Verified, int Unsealed, int Broken);

/// <summary>The signed tree head the steps were proven against (the latest when read), and whether a trusted key signed it.</summary>
public sealed record LedgerHeadStanding(long Id, long CoveredSequence, long TreeSize, string LogRoot, DateTimeOffset CreatedAt, string KeyId, bool Trusted, string? Problem);

/// <summary>Who answers for a record (三管三必须): the enterprise (主体责任) and its responsible person, the town (属地), the departments of its domains (行业监管).</summary>
public sealed record ResponsibleParties(
    Guid? EnterpriseId, string EnterpriseName, string? EnterpriseResponsiblePerson, Guid TownId, string TownName, IReadOnlyList<string> Departments);

/// <summary>One step (one event): when, who (name, role, organisation) in which duty, the remarks, the signatures and the ledger's proof.</summary>
public sealed record InvestigationStep(
    long Sequence,
    long Version,
    string Type,
    string Label,
    DateTimeOffset At,
    Actor By,
    string Duty,
    string? Remarks,
    string? PersonalSignatureKeyId,
    bool? PersonalSignatureValid,
    StepLedger Ledger);

/// <summary>
/// The step's standing in the ledger: its hash recomputed from the stored event, the chain link, and the RFC 9162
/// inclusion in the signed head. Status: <c>verified</c>, <c>unsealed</c> (no head covers it yet) or <c>broken</c>.
/// </summary>
public sealed record StepLedger(string Hash, string PreviousHash, bool HashMatches, bool ChainLinked, long? LeafIndex, bool? Included, string Status, string? Problem);

public sealed record InspectionItemFinding(string Code, string Content, string ItemCategory, ItemResult Result, string? Notes, HazardLevel? Level, string? LegalBasis);

public sealed record InspectionFinding(
    Guid Id,
    InspectionKind Kind,
    InspectionStatus Status,
    string? ChecklistName,
    Actor Inspector,
    DateTimeOffset StartedAt,
    DateTimeOffset? SubmittedAt,
    IReadOnlyList<InspectionItemFinding> Items,
    IReadOnlyList<Guid> RaisedHazardIds,
    ResponsibleParties Responsible,
    IReadOnlyList<InvestigationStep> Steps);

public sealed record HazardFinding(
    Guid Id,
    string Description,
    IndustryDomain Domain,
    HazardLevel Level,
    HazardStatus Status,
    HazardSource Source,
    Guid? InspectionId,
    DateTimeOffset ReportedAt,
    string? RectificationResponsible,
    DateTimeOffset? Deadline,
    bool Overdue,
    int OverdueDays,
    int Escalations,
    DateTimeOffset? ClosedAt,
    ResponsibleParties Responsible,
    IReadOnlyList<InvestigationStep> Steps);

public sealed record BundleExport(long HeadId, int EventCount, string ManifestSha256, Actor By, DateTimeOffset At);
