using AnJiaXing.IntegrationTests.Infrastructure;

namespace AnJiaXing.IntegrationTests.Statistics;

/// <summary>Overdue follows the clock: past deadline days come from the statistics, today's from HazardView.</summary>
public class when_deadlines_pass(StatisticsFixture app) : IClassFixture<StatisticsFixture>
{
    private async Task<int> Overdue(string username) =>
        (await app.As(username, s => s.Get.Url("/api/stats/hazards"))).Json().GetProperty("figures").GetProperty("overdue").GetInt32();

    [Fact]
    public async Task hazards_still_rectifying_after_their_deadline_day_count_as_overdue()
    {
        Assert.Equal(1, await Overdue("district.admin"));           // H5, deadline an hour ago
        app.Clock.Advance(TimeSpan.FromDays(8));                     // past H3's deadline (7 days) as well
        Assert.Equal(2, await Overdue("district.admin"));
        Assert.Equal(2, await Overdue("town.nanxiang"));
        Assert.Equal(0, await Overdue("town.anting"));
    }
}
