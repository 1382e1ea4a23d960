
namespace AnJiaXing.Platform.Audit;

/// <summary>Someone looked into the audit trail: who, what they asked, how much they saw. Audit queries are audited too.</summary>
public sealed record AuditQueryRecorded(Guid EntryId, string Route, IReadOnlyDictionary<string, string?> Filters, long ResultCount, Actor By);
