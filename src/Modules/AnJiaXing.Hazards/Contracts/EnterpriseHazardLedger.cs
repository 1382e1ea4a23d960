namespace AnJiaXing.Hazards.Contracts;

/// <summary>
/// Per enterprise, one line per hazard with what the enterprise file counts (level, status, source, dates).
/// Kept by <see cref="EnterpriseHazardLedgerProjection"/> from hazard events; the file's figures are computed from
/// it, never from the event stream.
/// </summary>
public sealed class EnterpriseHazardLedger
{
    public Guid Id { get; set; }
    public Dictionary<Guid, HazardLedgerLine> Hazards { get; set; } = new();

    public void Fold(IHazardEvent e, DateTimeOffset at)
    {
        if (e is HazardReported r)
        {
            Hazards[r.HazardId] = new HazardLedgerLine
            {
                Level = r.Level, Source = r.Source, Status = HazardLifecycle.InitialStatus(r.Level), ReportedAt = at
            };
            return;
        }

        if (!Hazards.TryGetValue(e.HazardId, out var line)) return;
        line.Status = HazardLifecycle.After(line.Status, e);
        line.Level = HazardLifecycle.LevelAfter(line.Level, e);
        line.Deadline = HazardLifecycle.DeadlineAfter(line.Deadline, e);
        if (e is HazardClosed)
        {
            line.ClosedAt = at;
            line.ClosedOnTime = HazardLifecycle.ClosedOnTime(line.Deadline, at);
        }
    }
}

public sealed class HazardLedgerLine
{
    public HazardLevel Level { get; set; }
    public HazardStatus Status { get; set; }
    public HazardSource Source { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
    public DateTimeOffset? Deadline { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public bool? ClosedOnTime { get; set; }
}
