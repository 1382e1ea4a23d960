namespace AnJiaXing.Platform.Ledger;

/// <summary>An event row as stored, with the ledger's hash of it when the ledger has one.</summary>
public sealed record LedgerRow(
    long? Sequence,
    Guid StreamId,
    long Version,
    string? Type,
    string? Data,
    string? Headers,
    string? UserName,
    string? CorrelationId,
    string? CausationId,
    DateTime? Timestamp,
    long? LedgerSequence,
    Guid? LedgerStreamId,
    long? LedgerVersion,
    string? StoredPreviousHash,
    string? StoredHash)
{
    public bool HasEvent => Sequence is not null;
    public bool HasLedgerEntry => LedgerSequence is not null;
}
