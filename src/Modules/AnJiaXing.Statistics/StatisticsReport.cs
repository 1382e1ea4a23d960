using Marten;

namespace AnJiaXing.Statistics;

/// <summary>
/// The figures of every dashboard panel for one scope and period, computed from the read models: the scope's
/// <see cref="ScopeStatistics"/>, account activity, and indexed counts for what depends on the clock (overdue)
/// or lives elsewhere (accounts, enterprises). Endpoints and the .xlsx export share it.
/// </summary>
public sealed class StatisticsReport(StatisticsScope scope, StatisticsPeriod period, ScopeStatistics stats, IQuerySession session, TimeProvider clock)
{
    public StatisticsScope Scope => scope;
    public StatisticsPeriod Period => period;
    public ScopeStatistics Stats => stats;

    public static async Task<StatisticsReport> LoadAsync(
        System.Security.Claims.ClaimsPrincipal user, Guid? townId, string? from, string? to, string? month,
        IQuerySession session, TimeProvider clock, CancellationToken ct, int defaultMonths = 1)
    {
        var period = StatisticsPeriod.Parse(from, to, month, clock, defaultMonths);
        var scope = await StatisticsScope.ResolveAsync(Caller.From(user), townId, session, ct);
        var stats = await scope.LoadAsync(session, ct) ?? new ScopeStatistics();
        return new StatisticsReport(scope, period, stats, session, clock);
    }

    /// <summary>When the figures stand: now, or the end of the period for a report as of its end (<see cref="AsOfEndAsync"/>).</summary>
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// The same report as the scope stood at the end of the period (the first instant of the day after it), by time
    /// travel: the period's events and every earlier one folded as the projection folds them
    /// (<see cref="StatisticsAsOf"/>); clock-bound figures (overdue) are taken at that instant. A period that has not
    /// ended is the report as it stands.
    /// </summary>
    public async Task<StatisticsReport> AsOfEndAsync(CancellationToken ct)
    {
        var end = StatisticsCalendar.StartOf(period.To.AddDays(1));
        if (end > clock.GetUtcNow()) return this;
        var asOf = await StatisticsAsOf.LoadAsync(scope, end, session, ct);
        return new StatisticsReport(scope, period, asOf, session, new FixedClock(end));
    }

    public async Task<OverviewPanel> OverviewAsync(CancellationToken ct)
    {
        var enterprises = await scope.EnterprisesAsync(session, ct);
        var accounts = await scope.AccountsAsync(session, ct);
        var overdue = await scope.CountOverdueAsync(stats, session, clock.GetUtcNow(), ct);
        var all = new DayFigures();
        foreach (var d in stats.Days.Values) d.AddTo(all);
        var inPeriod = period.Total(stats);
        return new OverviewPanel(
            enterprises.Count, accounts.Count, stats.Hazards, stats.OpenHazards,
            stats.OpenByLevel.GetValueOrDefault(HazardLevel.Major), overdue,
            inPeriod.Reported, inPeriod.ClosedThatDay,
            Rate.Of(all.Closed, all.Valid), Rate.Of(all.Rectified, all.Valid));
    }

    public async Task<UsersPanel> UsersAsync(CancellationToken ct)
    {
        var accounts = await scope.AccountsAsync(session, ct);
        var active = await AccountActivity.CountActiveAsync(session, accounts.Select(a => a.Id).ToList(), period, ct);
        var byRole = Enum.GetValues<Role>().ToDictionary(r => r, r => accounts.Count(a => a.Role == r));
        return new UsersPanel(accounts.Count, byRole, active, Rate.Of(active, accounts.Count));
    }

    public async Task<HazardsPanel> HazardsAsync(CancellationToken ct)
    {
        var overdue = await scope.CountOverdueAsync(stats, session, clock.GetUtcNow(), ct);
        return new HazardsPanel(
            stats.Hazards, stats.OpenHazards, overdue,
            Enum.GetValues<HazardLevel>().ToDictionary(l => l, l => stats.ByLevel.GetValueOrDefault(l)),
            Enum.GetValues<HazardLevel>().ToDictionary(l => l, l => stats.OpenByLevel.GetValueOrDefault(l)),
            Enum.GetValues<HazardStatus>().ToDictionary(s => s, s => stats.ByStatus.GetValueOrDefault(s)),
            Enum.GetValues<HazardStatus>().ToDictionary(s => s, s => Rate.Of(stats.ByStatus.GetValueOrDefault(s), stats.Hazards).Value ?? 0));
    }

    public SourcesPanel Sources() =>
        new(stats.Hazards, Enum.GetValues<HazardSource>().ToDictionary(s => s, s => stats.BySource.GetValueOrDefault(s)));

    /// <summary>Per day (or month) of the period: reported, rectified and closed that day, and the closure rate of that day's cohort.</summary>
    public TrendPanel Trend(string granularity)
    {
        var monthly = granularity == "month";
        var buckets = new SortedDictionary<string, DayFigures>(StringComparer.Ordinal);
        // No future days: a day not yet begun has no figures, and plotting it as zero reads as a fall.
        var last = StatisticsCalendar.Today(clock) < period.To ? StatisticsCalendar.Today(clock) : period.To;
        for (var d = period.From; d <= last; d = monthly ? new DateOnly(d.Year, d.Month, 1).AddMonths(1) : d.AddDays(1))
            buckets[monthly ? StatisticsCalendar.MonthKey(d) : StatisticsCalendar.Key(d)] = new DayFigures();
        foreach (var (day, figures) in stats.Days)
        {
            if (!period.Contains(day) || !buckets.TryGetValue(monthly ? day[..7] : day, out var bucket)) continue;
            figures.AddTo(bucket);
        }
        return new TrendPanel(granularity, buckets.Select(b => new TrendPoint(
            b.Key, b.Value.Reported, b.Value.RectifiedThatDay, b.Value.ClosedThatDay, Rate.Of(b.Value.Closed, b.Value.Valid).Value)).ToList());
    }

    /// <summary>
    /// Submitted inspections of the period, counted by their district day of submit: the total, by kind, and per month
    /// of the period (a month the period covers in part counts only its days in the period). Plans are as they stand.
    /// </summary>
    public InspectionsPanel Inspections()
    {
        var i = stats.Inspections;
        var days = i.Days.Where(d => period.Contains(d.Key)).ToList();
        var months = new List<MonthCount>();
        for (var m = new DateOnly(period.From.Year, period.From.Month, 1); m <= period.To; m = m.AddMonths(1))
        {
            var key = StatisticsCalendar.MonthKey(m);
            var inMonth = days.Where(d => d.Key.StartsWith(key, StringComparison.Ordinal)).ToList();
            months.Add(new MonthCount(key, inMonth.Sum(d => d.Value.Inspections), inMonth.Sum(d => d.Value.HazardsRaised)));
        }
        var byKind = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (kind, n) in days.SelectMany(d => d.Value.ByKind)) byKind[kind] = byKind.GetValueOrDefault(kind) + n;
        return new InspectionsPanel(days.Sum(d => d.Value.Inspections), months, byKind,
            i.Plans, i.PlannedInspections, i.CompletedInspections, Rate.Of(i.CompletedInspections, i.PlannedInspections));
    }

    public async Task<RiskPointsPanel> RiskPointsAsync(CancellationToken ct) =>
        RiskPointsPanel.From(await RiskPointCounts.CountAsync(session, scope.Constraint, null, ct));

    /// <summary>Patrol completion over the windows that closed in the period (Risk control's <see cref="PatrolOccurrences"/>).</summary>
    public async Task<PatrolsPanel> PatrolsAsync(CancellationToken ct) => PatrolsPanel.From(await PatrolOccurrences.CompletionAsync(session,
        scope.Constraint, null, StatisticsCalendar.StartOf(period.From), StatisticsCalendar.StartOf(period.To.AddDays(1)), clock.GetUtcNow(), ct));

    public async Task<AssessmentFigures> AssessmentAsync(CancellationToken ct)
    {
        var accounts = await scope.AccountsAsync(session, ct);
        var active = await AccountActivity.CountActiveAsync(session, accounts.Select(a => a.Id).ToList(), period, ct);
        return AssessmentFigures.From(period.Total(stats), active, accounts.Count);
    }
}

public sealed record OverviewPanel(
    int Enterprises, int Users, int Hazards, int OpenHazards, int OpenMajorHazards, int OverdueHazards,
    int ReportedInPeriod, int ClosedInPeriod, Rate ClosureRate, Rate RectificationRate);

public sealed record UsersPanel(int Enabled, Dictionary<Role, int> ByRole, int ActiveInPeriod, Rate Activity);

public sealed record HazardsPanel(
    int Total, int Open, int Overdue, Dictionary<HazardLevel, int> ByLevel, Dictionary<HazardLevel, int> OpenByLevel,
    Dictionary<HazardStatus, int> ByStatus, Dictionary<HazardStatus, double> StatusShares);

public sealed record SourcesPanel(int Total, Dictionary<HazardSource, int> BySource);

public sealed record TrendPoint(string Period, int Reported, int Rectified, int Closed, double? CohortClosureRate);

public sealed record TrendPanel(string Granularity, IReadOnlyList<TrendPoint> Points);

public sealed record MonthCount(string Month, int Inspections, int HazardsRaised);

public sealed record InspectionsPanel(
    int Total, IReadOnlyList<MonthCount> ByMonth, SortedDictionary<string, int> ByKind,
    int Plans, int PlannedInspections, int CompletedInspections, Rate PlanCompletion);

/// <summary>
/// Risk points by level (风险点数量统计) in the scope, counted on the Risk control module's published
/// <see cref="RiskPointView"/> (<see cref="RiskPointCounts"/>): <c>byLevel</c> keyed Major/Significant/General/Low,
/// <c>byColour</c> the same as Red/Orange/Yellow/Blue; <c>public</c> how many are public points (公共风险点).
/// Risk points have no period: the figures are the list as it stands.
/// </summary>
public sealed record RiskPointsPanel(bool Available, int Total, Dictionary<RiskLevel, int> ByLevel, Dictionary<string, int> ByColour, int Public)
{
    public static RiskPointsPanel From(RiskPointCounts counts) => new(true, counts.Total,
        RiskLevels.All.ToDictionary(l => l, l => counts.ByLevel.GetValueOrDefault(l)),
        RiskLevels.All.ToDictionary(l => l.Colour(), l => counts.ByLevel.GetValueOrDefault(l)),
        counts.Public);
}

/// <summary>
/// Risk patrols (风险巡查) in the scope and period: tasks, the windows that closed in the period (done or missed) and
/// the completion rate — patrols made of those required in those windows. A window still open is not counted yet.
/// </summary>
public sealed record PatrolsPanel(bool Available, int Tasks, int Windows, int DoneWindows, int MissedWindows, Rate Completion)
{
    public static PatrolsPanel From(PatrolCompletion c) => new(true, c.Tasks, c.Windows, c.DoneWindows, c.MissedWindows, Rate.Of(c.Done, c.Required));
}
