using static AnJiaXing.UnitTests.Hazards.HazardSamples;

namespace AnJiaXing.UnitTests.Hazards;

public class EnterpriseHazardFiguresTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static EnterpriseHazardLedger Ledger(params (IHazardEvent Event, DateTimeOffset At)[] events)
    {
        var ledger = new EnterpriseHazardLedger { Id = EnterpriseId };
        foreach (var (e, at) in events) ledger.Fold(e, at);
        return ledger;
    }

    private static HazardReported Report(Guid id, HazardLevel level, HazardSource source) =>
        Reported(level) with { HazardId = id, Source = source };

    [Fact]
    public void counts_rates_trend_and_score_follow_the_ledger()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid(), d = Guid.NewGuid();
        var ledger = Ledger(
            (Report(a, HazardLevel.General, HazardSource.SelfInspection), Now.AddDays(-40)),
            (new RectificationAssigned(a, EnterpriseId, Responsible.Id, "r", Now.AddDays(-30), null, null, null, Town), Now.AddDays(-39)),
            (new HazardClosed(a, EnterpriseId, "RecheckPassed", [], Town), Now.AddDays(-35)),                       // on time
            (Report(b, HazardLevel.Major, HazardSource.ThirdPartyInspection), Now.AddDays(-20)),
            (new HazardConfirmed(b, EnterpriseId, null, Department), Now.AddDays(-19)),
            (new RectificationAssigned(b, EnterpriseId, Responsible.Id, "r", Now.AddDays(-5), "m", 1m, "p", Town), Now.AddDays(-18)), // overdue now
            (Report(c, HazardLevel.General, HazardSource.QuickCheck), Now.AddDays(-3)),
            (Report(d, HazardLevel.General, HazardSource.QuickCheck), Now.AddDays(-2)),
            (new HazardWithdrawn(d, EnterpriseId, "误录", Town), Now.AddDays(-2)));

        var (f, score) = EnterpriseHazardFigures.Compute(ledger, Now);

        Assert.Equal(4, f.Total);
        Assert.Equal(1, f.ByStatus[HazardStatus.Closed]);
        Assert.Equal(1, f.ByStatus[HazardStatus.Rectifying]);
        Assert.Equal(1, f.ByStatus[HazardStatus.Reported]);
        Assert.Equal(1, f.ByStatus[HazardStatus.Withdrawn]);
        Assert.Equal(1, f.ByLevel[HazardLevel.Major]);
        Assert.Equal(2, f.BySource[HazardSource.QuickCheck]);
        Assert.Equal(2, f.Open);
        Assert.Equal(1, f.Overdue);
        Assert.Equal(Math.Round(1.0 / 3, 4), f.RectificationRate); // withdrawn does not count
        Assert.Equal(1.0, f.OnTimeClosureRate);
        Assert.Equal(12, f.Trend.Count);
        Assert.Equal("2026-11", f.Trend[^1].Month);
        Assert.Equal(new MonthlyTrend("2026-11", 2, 0), f.Trend[^1]); // c and d
        Assert.Equal(new MonthlyTrend("2026-10", 2, 1), f.Trend[^2]); // a and b reported, a closed
        // 100 − 2 (one open general) − 10 (one open major) − 5 (one overdue) + 5 (self-inspection within 90 days)
        Assert.Equal(88, score.Score);
        Assert.Equal(score.Score, 100 + score.Breakdown.Sum(i => i.Points));
    }

    [Fact]
    public void an_enterprise_without_hazards_has_no_rates_and_the_base_score()
    {
        var (f, score) = EnterpriseHazardFigures.Compute(null, Now);
        Assert.Equal(0, f.Total);
        Assert.Null(f.RectificationRate);
        Assert.Equal(100, score.Score);
    }
}
