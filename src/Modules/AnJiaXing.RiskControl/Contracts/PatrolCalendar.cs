namespace AnJiaXing.RiskControl.Contracts;

public enum OccurrenceStatus
{
    Upcoming,
    Due,
    Done,
    Missed
}

/// <summary>
/// One window of a task's schedule: each of its risk points is to be patrolled <c>times</c> times in
/// [<see cref="From"/>, <see cref="To"/>). <see cref="Done"/> counts patrols up to that number per point.
/// </summary>
public sealed record PatrolOccurrence(DateTimeOffset From, DateTimeOffset To, int Required, int Done, OccurrenceStatus Status);

/// <summary>
/// The windows of a schedule, in China Standard Time (UTC+8, no daylight saving): days from midnight, weeks from Monday,
/// months from the 1st. A window is Done when every point got its patrols, Missed when it closed without them (or when
/// <see cref="PatrolMissed"/> was appended for it: that fact stands even if a late record is entered afterwards), Due
/// while open, Upcoming before it opens. Derived from the records and the task's stream, never stored.
/// </summary>
public static class PatrolCalendar
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    public const int MaxWindows = 400;

    public static DateTimeOffset WindowStart(PatrolFrequency every, DateTimeOffset at)
    {
        var local = at.ToOffset(ChinaOffset);
        var day = new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, ChinaOffset);
        return every switch
        {
            PatrolFrequency.Day => day,
            PatrolFrequency.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            _ => new DateTimeOffset(local.Year, local.Month, 1, 0, 0, 0, ChinaOffset)
        };
    }

    public static DateTimeOffset Next(PatrolFrequency every, DateTimeOffset start) => every switch
    {
        PatrolFrequency.Day => start.AddDays(1),
        PatrolFrequency.Week => start.AddDays(7),
        _ => start.AddMonths(1)
    };

    /// <summary>How many of a window's required patrols were made: per point at most <c>times</c>.</summary>
    public static int DoneIn(PatrolSchedule schedule, IReadOnlyList<Guid> riskPointIds,
        IReadOnlyList<(Guid RiskPointId, DateTimeOffset At)> patrols, DateTimeOffset start, DateTimeOffset end) =>
        riskPointIds.Sum(id => Math.Min(schedule.Times, patrols.Count(p => p.RiskPointId == id && p.At >= start && p.At < end)));

    /// <summary>The points of a window that did not get all their patrols.</summary>
    public static IReadOnlyList<Guid> ShortIn(PatrolSchedule schedule, IReadOnlyList<Guid> riskPointIds,
        IReadOnlyList<(Guid RiskPointId, DateTimeOffset At)> patrols, DateTimeOffset start, DateTimeOffset end) =>
        [.. riskPointIds.Where(id => patrols.Count(p => p.RiskPointId == id && p.At >= start && p.At < end) < schedule.Times)];

    public static IReadOnlyList<PatrolOccurrence> Occurrences(
        PatrolSchedule schedule, DateTimeOffset startsAt, IReadOnlyList<Guid> riskPointIds,
        IReadOnlyList<(Guid RiskPointId, DateTimeOffset At)> patrols, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now,
        IReadOnlyCollection<DateTimeOffset>? missed = null)
    {
        var list = new List<PatrolOccurrence>();
        var required = schedule.Times * riskPointIds.Count;
        for (var start = WindowStart(schedule.Every, from > startsAt ? from : startsAt); start < to && list.Count < MaxWindows;
             start = Next(schedule.Every, start))
        {
            var end = Next(schedule.Every, start);
            var done = DoneIn(schedule, riskPointIds, patrols, start, end);
            var status = missed is not null && missed.Contains(start) ? OccurrenceStatus.Missed
                : done >= required ? OccurrenceStatus.Done
                : end <= now ? OccurrenceStatus.Missed
                : start <= now ? OccurrenceStatus.Due
                : OccurrenceStatus.Upcoming;
            list.Add(new PatrolOccurrence(start, end, required, done, status));
        }
        return list;
    }
}
