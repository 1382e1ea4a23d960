
namespace AnJiaXing.Statistics;

/// <summary>
/// The statistics of one scope — the district, a town, an industry domain or an enterprise — kept by
/// <see cref="ScopeStatisticsProjection"/>. Every number is the sum over the scope's hazards (and inspections) of
/// what their current facts contribute, so an endpoint reads one document (a department: one per domain) and
/// sums days for its period. Days are district days (<see cref="StatisticsCalendar"/>), keyed <c>yyyy-MM-dd</c>.
/// </summary>
public sealed class ScopeStatistics
{
    /// <summary><see cref="StatisticsScopes"/>: <c>district</c>, <c>town:{id}</c>, <c>domain:{name}</c>, <c>enterprise:{id}</c>.</summary>
    public string Id { get; set; } = "";

    public int Hazards { get; set; }
    public int OpenHazards { get; set; }
    public Dictionary<HazardLevel, int> ByLevel { get; set; } = new();
    public Dictionary<HazardLevel, int> OpenByLevel { get; set; } = new();
    public Dictionary<HazardStatus, int> ByStatus { get; set; } = new();
    public Dictionary<HazardSource, int> BySource { get; set; } = new();

    /// <summary>Per district day: the hazards reported that day (a cohort) and what happened on that day (flows).</summary>
    public Dictionary<string, DayFigures> Days { get; set; } = new();

    /// <summary>
    /// Hazards that can become overdue (Confirmed or Rectifying, with a deadline) by the district day of their
    /// deadline. Overdue = those whose deadline day is before today, plus today's already past (an indexed count).
    /// </summary>
    public Dictionary<string, int> DeadlineDays { get; set; } = new();

    public InspectionFigures Inspections { get; set; } = new();

    public void Apply(HazardStep step)
    {
        Add(step);
        Prune();
    }

    /// <summary>Counts a step without pruning: a batch adds many steps and prunes once (<see cref="Prune"/>).</summary>
    public void Add(HazardStep step)
    {
        if (step.Before is { } before) Count(before, -1);
        Count(step.After, +1);
    }

    public void Apply(InspectionStep step)
    {
        if (step.Before is { } before) Inspections.Count(before, -1);
        Inspections.Count(step.After, +1);
    }

    private void Count(HazardFacts f, int sign)
    {
        Hazards += sign;
        Add(ByLevel, f.Level, sign);
        Add(ByStatus, f.Status, sign);
        Add(BySource, f.Source, sign);
        if (f.Open)
        {
            OpenHazards += sign;
            Add(OpenByLevel, f.Level, sign);
        }

        var cohort = Day(f.ReportedOn);
        cohort.Reported += sign;
        if (f.Valid) cohort.Valid += sign;
        if (f.Accurate) cohort.Accurate += sign;
        if (f.Valid && f.RectifiedOn is not null) cohort.Rectified += sign;
        if (f.ClosedOn is not null)
        {
            cohort.Closed += sign;
            if (f.ClosedOnTime) cohort.ClosedOnTime += sign;
            Day(f.ClosedOn.Value).ClosedThatDay += sign;
        }
        if (f.RectifiedOn is { } rectifiedOn) Day(rectifiedOn).RectifiedThatDay += sign;
        if (f.Deadline is { } deadline && HazardLifecycle.OverdueStatuses.Contains(f.Status))
            Add(DeadlineDays, StatisticsCalendar.Key(StatisticsCalendar.DayOf(deadline)), sign);
    }

    private DayFigures Day(DateOnly day)
    {
        var key = StatisticsCalendar.Key(day);
        if (!Days.TryGetValue(key, out var figures)) Days[key] = figures = new DayFigures();
        return figures;
    }

    /// <summary>A step that moves a hazard out of a day leaves zeros behind; dropping them makes a rebuild store the same document.</summary>
    public void Prune()
    {
        foreach (var key in Days.Where(d => d.Value.IsEmpty).Select(d => d.Key).ToList()) Days.Remove(key);
        RemoveZeros(ByLevel);
        RemoveZeros(OpenByLevel);
        RemoveZeros(ByStatus);
        RemoveZeros(BySource);
        RemoveZeros(DeadlineDays);
    }

    internal static void Add<TKey>(Dictionary<TKey, int> counts, TKey key, int sign) where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + sign;

    internal static void RemoveZeros<TKey>(Dictionary<TKey, int> counts) where TKey : notnull
    {
        foreach (var key in counts.Where(c => c.Value == 0).Select(c => c.Key).ToList()) counts.Remove(key);
    }
}

/// <summary>
/// One district day. Cohort figures count the hazards reported that day by what has become of them since;
/// flow figures count what happened that day to hazards reported on any day.
/// </summary>
public sealed class DayFigures
{
    public int Reported { get; set; }
    public int Valid { get; set; }
    public int Accurate { get; set; }
    public int Rectified { get; set; }
    public int Closed { get; set; }
    public int ClosedOnTime { get; set; }
    public int RectifiedThatDay { get; set; }
    public int ClosedThatDay { get; set; }

    public bool IsEmpty => Reported == 0 && Valid == 0 && Accurate == 0 && Rectified == 0 && Closed == 0 && ClosedOnTime == 0
                           && RectifiedThatDay == 0 && ClosedThatDay == 0;

    public void AddTo(DayFigures total)
    {
        total.Reported += Reported;
        total.Valid += Valid;
        total.Accurate += Accurate;
        total.Rectified += Rectified;
        total.Closed += Closed;
        total.ClosedOnTime += ClosedOnTime;
        total.RectifiedThatDay += RectifiedThatDay;
        total.ClosedThatDay += ClosedThatDay;
    }
}

/// <summary>
/// Inspection figures of a scope: submitted inspections per month and by kind (all time), the same per district day
/// of submit (<see cref="Days"/>, so a period is counted exactly), and plan completion.
/// </summary>
public sealed class InspectionFigures
{
    public Dictionary<string, int> ByMonth { get; set; } = new();
    public Dictionary<string, int> ByKind { get; set; } = new();
    public Dictionary<string, int> HazardsRaisedByMonth { get; set; } = new();

    /// <summary>Per district day of submit (<c>yyyy-MM-dd</c>): inspections, hazards they raised, and by kind.</summary>
    public Dictionary<string, InspectionDay> Days { get; set; } = new();
    public int Plans { get; set; }
    public int PlannedInspections { get; set; }
    public int CompletedInspections { get; set; }

    public void Count(InspectionFacts f, int sign)
    {
        if (f.IsPlan)
        {
            Plans += sign;
            PlannedInspections += sign * f.Planned;
            CompletedInspections += sign * f.Completed;
            return;
        }
        if (f.SubmittedOn is not { } day) return;
        var month = StatisticsCalendar.MonthKey(day);
        ScopeStatistics.Add(ByMonth, month, sign);
        ScopeStatistics.Add(HazardsRaisedByMonth, month, sign * f.HazardsRaised);
        if (f.Kind is { } kind) ScopeStatistics.Add(ByKind, kind, sign);
        var key = StatisticsCalendar.Key(day);
        if (!Days.TryGetValue(key, out var figures)) Days[key] = figures = new InspectionDay();
        figures.Inspections += sign;
        figures.HazardsRaised += sign * f.HazardsRaised;
        if (f.Kind is { } k) ScopeStatistics.Add(figures.ByKind, k, sign);
        ScopeStatistics.RemoveZeros(figures.ByKind);
        if (figures.IsEmpty) Days.Remove(key);
        ScopeStatistics.RemoveZeros(ByMonth);
        ScopeStatistics.RemoveZeros(HazardsRaisedByMonth);
        ScopeStatistics.RemoveZeros(ByKind);
    }
}

/// <summary>The inspections of a scope submitted on one district day.</summary>
public sealed class InspectionDay
{
    public int Inspections { get; set; }
    public int HazardsRaised { get; set; }
    public Dictionary<string, int> ByKind { get; set; } = new();

    public bool IsEmpty => Inspections == 0 && HazardsRaised == 0 && ByKind.Count == 0;
}
