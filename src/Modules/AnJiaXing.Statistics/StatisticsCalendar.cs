namespace AnJiaXing.Statistics;

/// <summary>
/// Days and months of the statistics are those of the district (China Standard Time, UTC+8, no daylight saving),
/// whatever the server's zone: a hazard reported at 07:00 local on the 1st belongs to the 1st, not to the
/// previous day in UTC.
/// </summary>
public static class StatisticsCalendar
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Offset).DateTime);

    public static string Key(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string MonthKey(DateOnly day) => day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    public static DateOnly Today(TimeProvider clock) => DayOf(clock.GetUtcNow());

    /// <summary>The first instant of a district day, as UTC.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);
}
