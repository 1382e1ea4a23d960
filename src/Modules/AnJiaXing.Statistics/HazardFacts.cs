
namespace AnJiaXing.Statistics;

/// <summary>
/// What the statistics count about one hazard at one point of its stream. Every figure of a scope is the sum of
/// its hazards' facts (see <see cref="ScopeStatistics"/>), so a step of a hazard replaces its old facts by the new
/// ones, and any order of replay over the same streams gives the same numbers.
/// </summary>
public sealed record HazardFacts
{
    public Guid HazardId { get; init; }
    public Guid EnterpriseId { get; init; }
    public Guid TownId { get; init; }
    public IndustryDomain Domain { get; init; }
    public HazardLevel Level { get; init; }
    public HazardStatus Status { get; init; }
    public HazardSource Source { get; init; }
    public DateOnly ReportedOn { get; init; }
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>The day of the first rectification submitted (整改), if any.</summary>
    public DateOnly? RectifiedOn { get; init; }

    public DateOnly? ClosedOn { get; init; }
    public bool ClosedOnTime { get; init; }

    /// <summary>The level was changed on review (downgraded or escalated); sticky once set.</summary>
    public bool Reclassified { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool Dismissed => Status == HazardStatus.Dismissed;
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Withdrawn => Status == HazardStatus.Withdrawn;

    /// <summary>A real hazard that must be closed: reported and neither dismissed nor withdrawn.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Valid => !Dismissed && !Withdrawn;

    /// <summary>Counts toward information accuracy (信息准确率): neither dismissed, withdrawn nor re-classified.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Accurate => Valid && !Reclassified;

    [System.Text.Json.Serialization.JsonIgnore]
    public bool Open => HazardLifecycle.IsOpen(Status);

    public static HazardFacts Reported(HazardReported r, DateTimeOffset at) => new()
    {
        HazardId = r.HazardId,
        EnterpriseId = r.EnterpriseId,
        TownId = r.TownId,
        Domain = r.Domain,
        Level = r.Level,
        Status = HazardLifecycle.InitialStatus(r.Level),
        Source = r.Source,
        ReportedOn = StatisticsCalendar.DayOf(at)
    };

    /// <summary>The facts after one more event of the hazard's stream, recorded at <paramref name="at"/>.</summary>
    public HazardFacts After(IHazardEvent e, DateTimeOffset at)
    {
        var next = this with
        {
            Status = HazardLifecycle.After(Status, e),
            Level = HazardLifecycle.LevelAfter(Level, e),
            Deadline = HazardLifecycle.DeadlineAfter(Deadline, e)
        };
        return e switch
        {
            HazardEscalated or HazardDowngraded => next with { Reclassified = true },
            RectificationSubmitted => next with { RectifiedOn = RectifiedOn ?? StatisticsCalendar.DayOf(at) },
            // No deadline (a general hazard closed on the spot) counts as on time, as in the enterprise file.
            HazardClosed => next with { ClosedOn = StatisticsCalendar.DayOf(at), ClosedOnTime = HazardLifecycle.ClosedOnTime(Deadline, at) },
            _ => next
        };
    }
}
