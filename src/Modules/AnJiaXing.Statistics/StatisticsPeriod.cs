using System.Globalization;

namespace AnJiaXing.Statistics;

/// <summary>
/// A period of district days, both ends included: <c>from</c>/<c>to</c> as <c>yyyy-MM-dd</c>, or <c>month</c> as
/// <c>yyyy-MM</c>; by default the current month up to today (the trend: the last twelve months). At most three years.
/// </summary>
public sealed record StatisticsPeriod(DateOnly From, DateOnly To)
{
    /// <param name="defaultMonths">Without a period: the last this many months, this one included, up to today.</param>
    public static StatisticsPeriod Parse(string? from, string? to, string? month, TimeProvider clock, int defaultMonths = 1)
    {
        var today = StatisticsCalendar.Today(clock);
        if (!string.IsNullOrWhiteSpace(month))
        {
            if (from is not null || to is not null)
                throw ApiProblemException.Validation("month", ProblemLanguage.Say("请指定 month 或 from/to，不能两者都指定。", "Give either month or from/to, not both."));
            if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
                throw ApiProblemException.Validation("month", ProblemLanguage.Say("month 须为 yyyy-MM 格式，例如 2026-11。", "month must be yyyy-MM, e.g. 2026-11."));
            return new(AcceptedDates.Demand(first, "month"), first.AddMonths(1).AddDays(-1));
        }

        var start = Day(from, "from") ?? new DateOnly(today.Year, today.Month, 1).AddMonths(1 - defaultMonths);
        var end = Day(to, "to") ?? today;
        if (end < start) throw ApiProblemException.Validation("to", ProblemLanguage.Say("to 不能早于 from。", "to must not be before from."));
        if (end.DayNumber - start.DayNumber > 3 * 366) throw ApiProblemException.Validation("from", ProblemLanguage.Say("统计期间至多三年。", "A period spans at most three years."));
        return new(start, end);
    }

    private static DateOnly? Day(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? AcceptedDates.Demand(d, field)
            : throw ApiProblemException.Validation(field, ProblemLanguage.Say($"{field} 须为 yyyy-MM-dd 格式，例如 2026-11-01。", $"{field} must be yyyy-MM-dd, e.g. 2026-11-01."));
    }

    public string FromKey => StatisticsCalendar.Key(From);
    public string ToKey => StatisticsCalendar.Key(To);

    public bool Contains(string dayKey) => string.CompareOrdinal(dayKey, FromKey) >= 0 && string.CompareOrdinal(dayKey, ToKey) <= 0;

    /// <summary>The day figures of the period added up.</summary>
    public DayFigures Total(ScopeStatistics stats)
    {
        var total = new DayFigures();
        foreach (var (day, figures) in stats.Days)
            if (Contains(day)) figures.AddTo(total);
        return total;
    }

    public object Describe() => new { from = FromKey, to = ToKey };
}
