namespace AnJiaXing.Hazards.Contracts;

/// <summary>
/// Per enterprise, one line per hazard with what the enterprise file counts (level, status, source, dates), composed
/// when the file is read from the enterprise's <see cref="HazardLedgerLine"/> documents; the file's figures are
/// computed from it, never from the event stream.
/// </summary>
public sealed class EnterpriseHazardLedger
{
    public Guid Id { get; set; }
    public Dictionary<Guid, HazardLedgerLine> Hazards { get; set; } = new();

    public static EnterpriseHazardLedger Of(Guid enterpriseId, IEnumerable<HazardLedgerLine> lines) =>
        new() { Id = enterpriseId, Hazards = lines.ToDictionary(l => l.Id) };

    public void Fold(IHazardEvent e, DateTimeOffset at)
    {
        if (e is HazardReported r)
        {
            Hazards[r.HazardId] = HazardLedgerLine.Reported(r, at);
            return;
        }
        if (Hazards.TryGetValue(e.HazardId, out var line)) line.Fold(e, at);
    }
}

/// <summary>
/// One hazard's line of its enterprise's ledger, a document of its own (kept by <c>HazardLedgerLineProjection</c>).
/// It used to be an entry in one document per enterprise, which the daemon read and rewrote whole for every batch
/// touching the enterprise: an enterprise with thousands of hazards cost thousands of lines' JSON per event (issue 12,
/// docs/benchmarks.md, session 6). Now an event rewrites its own hazard's line only.
/// </summary>
public sealed class HazardLedgerLine
{
    /// <summary>The hazard.</summary>
    public Guid Id { get; set; }
    public Guid EnterpriseId { get; set; }
    public HazardLevel Level { get; set; }
    public HazardStatus Status { get; set; }
    public HazardSource Source { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
    public DateTimeOffset? Deadline { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public bool? ClosedOnTime { get; set; }

    public static HazardLedgerLine Reported(HazardReported r, DateTimeOffset at)
    {
        var line = new HazardLedgerLine();
        line.Fold(r, at);
        return line;
    }

    public void Fold(IHazardEvent e, DateTimeOffset at)
    {
        if (e is HazardReported r)
        {
            // A line starts empty (the daemon's new document, or Reported): the report fills it.
            Id = r.HazardId;
            EnterpriseId = r.EnterpriseId;
            Level = r.Level;
            Source = r.Source;
            Status = HazardLifecycle.InitialStatus(r.Level);
            ReportedAt = at;
            return;
        }
        Status = HazardLifecycle.After(Status, e);
        Level = HazardLifecycle.LevelAfter(Level, e);
        Deadline = HazardLifecycle.DeadlineAfter(Deadline, e);
        if (e is HazardClosed)
        {
            ClosedAt = at;
            ClosedOnTime = HazardLifecycle.ClosedOnTime(Deadline, at);
        }
    }
}
