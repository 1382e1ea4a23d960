namespace AnJiaXing.Registry.Enterprises.Importing;

/// <summary>What an import did: enterprises registered, rows skipped as already registered, rows refused and why.</summary>
public sealed record ImportReport(int Created, int Skipped, IReadOnlyList<RejectedRow> Rejected);

public sealed record RejectedRow(int Row, IReadOnlyList<string> Errors);
