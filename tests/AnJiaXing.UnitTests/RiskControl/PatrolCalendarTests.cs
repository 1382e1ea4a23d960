namespace AnJiaXing.UnitTests.RiskControl;

public class PatrolCalendarTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static readonly Guid P1 = Guid.Parse("01930000-0000-7000-8000-00000000aa01");
    private static readonly Guid P2 = Guid.Parse("01930000-0000-7000-8000-00000000aa02");

    [Fact]
    public void windows_start_at_china_midnight_monday_and_the_first()
    {
        var at = new DateTimeOffset(2026, 12, 2, 17, 0, 0, TimeSpan.Zero); // Thursday 3 Dec 01:00 in Shanghai
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 0, 0, 0, Cst), PatrolCalendar.WindowStart(PatrolFrequency.Day, at));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, Cst), PatrolCalendar.WindowStart(PatrolFrequency.Week, at));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, Cst), PatrolCalendar.WindowStart(PatrolFrequency.Month, at));
    }

    [Fact]
    public void a_window_is_done_missed_due_or_upcoming()
    {
        var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, Cst);
        var now = start.AddDays(2).AddHours(10);
        var patrols = new List<(Guid, DateTimeOffset)>
        {
            (P1, start.AddHours(9)), (P1, start.AddHours(15)), (P2, start.AddHours(10)), (P2, start.AddHours(11)), // day 1: all done
            (P1, start.AddDays(1).AddHours(9)),                                                                   // day 2: 1 of 4
            (P1, start.AddDays(2).AddHours(9)), (P1, start.AddDays(2).AddHours(9.5)), (P1, start.AddDays(2).AddHours(9.7)) // extra ones count once
        };
        var list = PatrolCalendar.Occurrences(new PatrolSchedule(PatrolFrequency.Day, 2), start, [P1, P2], patrols, start, start.AddDays(4), now);
        Assert.Equal([OccurrenceStatus.Done, OccurrenceStatus.Missed, OccurrenceStatus.Due, OccurrenceStatus.Upcoming], list.Select(o => o.Status));
        Assert.Equal([4, 1, 2, 0], list.Select(o => o.Done));
        Assert.All(list, o => Assert.Equal(4, o.Required));
    }

    [Fact]
    public void windows_before_the_task_starts_are_not_listed()
    {
        var starts = new DateTimeOffset(2026, 12, 10, 8, 0, 0, Cst);
        var list = PatrolCalendar.Occurrences(new PatrolSchedule(PatrolFrequency.Week), starts, [P1], [],
            starts.AddDays(-30), starts.AddDays(10), starts.AddDays(1));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 0, 0, 0, Cst), list[0].From);
        Assert.Equal(2, list.Count);
    }
}
