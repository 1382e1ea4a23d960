namespace AnJiaXing.Hazards.Contracts;

/// <summary>The hazard part of the enterprise file (一企一档), computed from the enterprise's hazard ledger.</summary>
public sealed record EnterpriseHazardFigures(
    int Total,
    IReadOnlyDictionary<HazardStatus, int> ByStatus,
    IReadOnlyDictionary<HazardLevel, int> ByLevel,
    IReadOnlyDictionary<HazardSource, int> BySource,
    int Open,
    int Overdue,
    IReadOnlyList<MonthlyTrend> Trend,
    double? RectificationRate,
    double? OnTimeClosureRate)
{
    /// <summary>Everything counts hazards that are real: dismissed and withdrawn ones are shown by status but excluded from rates.</summary>
    public static EnterpriseHazardFigures From(EnterpriseHazardLedger? ledger, DateTimeOffset now) => Compute(ledger, now).Figures;

    /// <summary>The figures and the composite score, which rests on the same counts.</summary>
    public static (EnterpriseHazardFigures Figures, CompositeScore Score) Compute(EnterpriseHazardLedger? ledger, DateTimeOffset now)
    {
        var lines = ledger?.Hazards.Values.ToList() ?? [];
        var real = lines.Where(l => l.Status is not (HazardStatus.Dismissed or HazardStatus.Withdrawn)).ToList();
        var closed = real.Where(l => l.Status == HazardStatus.Closed).ToList();
        var open = real.Where(l => HazardLifecycle.IsOpen(l.Status)).ToList();
        var overdue = open.Count(l => HazardLifecycle.IsOverdue(l.Status, l.Deadline, now));

        var firstMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-11);
        var trend = Enumerable.Range(0, 12).Select(i =>
        {
            var start = firstMonth.AddMonths(i);
            var end = start.AddMonths(1);
            return new MonthlyTrend(start.ToString("yyyy-MM"),
                lines.Count(l => l.ReportedAt >= start && l.ReportedAt < end),
                lines.Count(l => l.ClosedAt >= start && l.ClosedAt < end));
        }).ToList();

        double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

        var figures = new EnterpriseHazardFigures(
            lines.Count,
            Enum.GetValues<HazardStatus>().ToDictionary(s => s, s => lines.Count(l => l.Status == s)),
            Enum.GetValues<HazardLevel>().ToDictionary(v => v, v => lines.Count(l => l.Level == v)),
            Enum.GetValues<HazardSource>().ToDictionary(s => s, s => lines.Count(l => l.Source == s)),
            open.Count,
            overdue,
            trend,
            Rate(closed.Count, real.Count),
            Rate(closed.Count(l => l.ClosedOnTime == true), closed.Count));
        return (figures, CompositeScore.Compute(open, overdue, closed, lines, now));
    }
}

public sealed record MonthlyTrend(string Month, int Reported, int Closed);

/// <summary>
/// The enterprise's composite score (综合评分), 0–100, with every deduction and bonus explained (docs/adr: the
/// enterprise score formula).
/// </summary>
public sealed record CompositeScore(int Score, IReadOnlyList<ScoreItem> Breakdown)
{
    public const int Base = 100;

    public static CompositeScore Compute(
        IReadOnlyCollection<HazardLedgerLine> open, int overdue, IReadOnlyCollection<HazardLedgerLine> closed, IReadOnlyCollection<HazardLedgerLine> all, DateTimeOffset now)
    {
        var items = new List<ScoreItem>();
        var openGeneral = open.Count(l => l.Level == HazardLevel.General);
        var openMajor = open.Count(l => l.Level == HazardLevel.Major);
        items.Add(new ScoreItem("openGeneralHazards", "未销案一般隐患", -Math.Min(openGeneral * 2, 20), $"{openGeneral} × −2, at most −20"));
        items.Add(new ScoreItem("openMajorHazards", "未销案重大隐患", -Math.Min(openMajor * 10, 40), $"{openMajor} × −10, at most −40"));
        items.Add(new ScoreItem("overdueHazards", "逾期未整改隐患", -Math.Min(overdue * 5, 20), $"{overdue} × −5, at most −20"));

        var late = closed.Count(l => l.ClosedOnTime == false);
        items.Add(new ScoreItem("lateClosures", "超期销案", -Math.Min(late, 10), $"{late} × −1, at most −10"));

        var selfReported = all.Count(l => l.Source == HazardSource.SelfInspection && l.ReportedAt >= now.AddDays(-90));
        items.Add(new ScoreItem("selfInspection", "近90天自查自报", selfReported > 0 ? 5 : 0,
            selfReported > 0 ? $"{selfReported} self-reported in 90 days: +5" : "none self-reported in 90 days: 0"));

        var score = Math.Clamp(Base + items.Sum(i => i.Points), 0, 100);
        return new CompositeScore(score, items);
    }
}

/// <summary>One line of the score breakdown: a key for programs, a label for people, the points and how they came about.</summary>
public sealed record ScoreItem(string Key, string Label, int Points, string Explanation);
