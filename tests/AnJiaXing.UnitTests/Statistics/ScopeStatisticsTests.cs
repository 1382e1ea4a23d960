using AnJiaXing.UnitTests.Hazards;
using static AnJiaXing.UnitTests.Hazards.HazardSamples;

namespace AnJiaXing.UnitTests.Statistics;

public class ScopeStatisticsTests
{
    private static readonly RectificationAssigned Assigned =
        new(HazardId, EnterpriseId, Responsible.Id, Responsible.Name, T0.AddDays(7), "更换配电箱", null, null, Town);
    private static readonly RectificationSubmitted Submitted = new(HazardId, EnterpriseId, "已更换", [], false, Responsible);
    private static readonly RecheckPassed Passed = new(HazardId, EnterpriseId, "合格", [], Town);
    private static readonly HazardClosed Closed = new(HazardId, EnterpriseId, "复查合格", [], Town);

    /// <summary>Folds the events as the projection does: each step replaces the hazard's old facts with the new.</summary>
    private static (ScopeStatistics Stats, HazardFacts Facts) Fold(params (IHazardEvent Event, DateTimeOffset At)[] events)
    {
        var stats = new ScopeStatistics();
        HazardFacts? facts = null;
        foreach (var (e, at) in events)
        {
            var next = e is HazardReported r ? HazardFacts.Reported(r, at) : facts!.After(e, at);
            stats.Apply(new HazardStep(facts, next));
            facts = next;
        }
        return (stats, facts!);
    }

    [Fact]
    public void a_hazard_closed_after_its_deadline_counts_as_closed_but_not_on_time()
    {
        var (stats, facts) = Fold((Reported(), T0), (Assigned, T0.AddHours(1)), (Submitted, T0.AddDays(8)), (Passed, T0.AddDays(9)), (Closed, T0.AddDays(9)));
        Assert.False(facts.ClosedOnTime);
        var day = stats.Days["2026-11-02"];
        Assert.Equal((1, 1, 1, 1, 0), (day.Reported, day.Valid, day.Closed, day.Rectified, day.ClosedOnTime));
        Assert.Equal(1, stats.Days["2026-11-11"].ClosedThatDay);
        Assert.Equal(1, stats.Days["2026-11-10"].RectifiedThatDay);
        Assert.Equal(1, stats.ByStatus[HazardStatus.Closed]);
        Assert.Single(stats.ByStatus);
        Assert.Equal(0, stats.OpenHazards);
    }

    [Fact]
    public void a_hazard_closed_by_its_deadline_counts_on_time()
    {
        var (stats, _) = Fold((Reported(), T0), (Assigned, T0.AddHours(1)), (Submitted, T0.AddDays(2)), (Passed, T0.AddDays(3)), (Closed, T0.AddDays(3)));
        Assert.Equal(1, stats.Days["2026-11-02"].ClosedOnTime);
    }

    [Fact]
    public void days_are_district_days_in_utc_plus_8()
    {
        // 2026-11-01 17:00 UTC is 2026-11-02 01:00 in Jiading.
        var (stats, _) = Fold((Reported(), new DateTimeOffset(2026, 11, 1, 17, 0, 0, TimeSpan.Zero)));
        Assert.Equal(["2026-11-02"], stats.Days.Keys);
    }

    [Fact]
    public void escalation_downgrade_dismissal_and_withdrawal_make_a_report_inaccurate()
    {
        var escalated = Fold((Reported(), T0), (new HazardEscalated(HazardId, EnterpriseId, "重大", Town), T0)).Stats;
        var downgraded = Fold((Reported(HazardLevel.Major), T0), (new HazardDowngraded(HazardId, EnterpriseId, "一般", Department), T0)).Stats;
        var dismissed = Fold((Reported(HazardLevel.Major), T0), (new HazardDismissed(HazardId, EnterpriseId, "误报", Department), T0)).Stats;
        var withdrawn = Fold((Reported(), T0), (new HazardWithdrawn(HazardId, EnterpriseId, "重复", EnterpriseUser), T0)).Stats;
        var accurate = Fold((Reported(HazardLevel.Major), T0), (new HazardConfirmed(HazardId, EnterpriseId, "属实", Department), T0)).Stats;

        Assert.Equal(0, escalated.Days["2026-11-02"].Accurate);
        Assert.Equal(1, escalated.Days["2026-11-02"].Valid);
        Assert.Equal(1, escalated.ByLevel[HazardLevel.Major]);
        Assert.Equal(0, downgraded.Days["2026-11-02"].Accurate);
        Assert.Equal((0, 0), (dismissed.Days["2026-11-02"].Accurate, dismissed.Days["2026-11-02"].Valid));
        Assert.Equal((0, 0), (withdrawn.Days["2026-11-02"].Accurate, withdrawn.Days["2026-11-02"].Valid));
        Assert.Equal(1, accurate.Days["2026-11-02"].Accurate);
    }

    [Fact]
    public void the_assessment_figures_are_the_cohort_shares()
    {
        var cohort = new DayFigures { Reported = 8, Valid = 6, Accurate = 5, Rectified = 4, Closed = 3, ClosedOnTime = 2 };
        var a = AssessmentFigures.From(cohort, activeAccounts: 7, enabledAccounts: 10);
        Assert.Equal(0.7, a.UserActivity.Value);
        Assert.Equal(0.625, a.InformationAccuracy.Value);
        Assert.Equal(0.5, a.ClosureRate.Value);
        Assert.Equal(0.3333, a.OnTimeClosureRate.Value);
        Assert.Equal(0.6667, a.RectificationRate.Value);
        Assert.Null(AssessmentFigures.From(new DayFigures(), 0, 0).ClosureRate.Value);
    }

    [Fact]
    public void inspection_steps_swap_old_facts_for_new()
    {
        var stats = new ScopeStatistics();
        var draft = new InspectionFacts { Id = Guid.NewGuid(), TownId = TownId, Kind = "Routine" };
        var submitted = draft with { SubmittedOn = new DateOnly(2026, 11, 3), HazardsRaised = 2 };
        stats.Apply(new InspectionStep(null, draft));
        Assert.Empty(stats.Inspections.ByMonth);
        stats.Apply(new InspectionStep(draft, submitted));
        Assert.Equal(1, stats.Inspections.ByMonth["2026-11"]);
        Assert.Equal(2, stats.Inspections.HazardsRaisedByMonth["2026-11"]);
        Assert.Equal(1, stats.Inspections.ByKind["Routine"]);
        var plan = new InspectionFacts { Id = Guid.NewGuid(), TownId = TownId, IsPlan = true, Planned = 10, Completed = 3 };
        stats.Apply(new InspectionStep(null, plan));
        stats.Apply(new InspectionStep(plan, plan with { Completed = 4 }));
        Assert.Equal((1, 10, 4), (stats.Inspections.Plans, stats.Inspections.PlannedInspections, stats.Inspections.CompletedInspections));
    }
}

public class DeadlineDaysTests
{
    [Fact]
    public void only_confirmed_or_rectifying_hazards_are_kept_by_deadline_day()
    {
        var stats = new ScopeStatistics();
        var reported = HazardFacts.Reported(Reported(), T0);
        var assigned = reported.After(new RectificationAssigned(HazardId, EnterpriseId, Responsible.Id, Responsible.Name, T0.AddDays(7), "整改", null, null, Town), T0);
        var extended = assigned.After(new DeadlineExtended(HazardId, EnterpriseId, T0.AddDays(7), T0.AddDays(20), "延期", EnterpriseUser), T0);
        var submitted = extended.After(new RectificationSubmitted(HazardId, EnterpriseId, "已整改", [], false, Responsible), T0);
        stats.Apply(new HazardStep(null, reported));
        Assert.Empty(stats.DeadlineDays);
        stats.Apply(new HazardStep(reported, assigned));
        Assert.Equal(1, stats.DeadlineDays["2026-11-09"]);
        stats.Apply(new HazardStep(assigned, extended));
        Assert.Equal(["2026-11-22"], stats.DeadlineDays.Keys);
        stats.Apply(new HazardStep(extended, submitted));
        Assert.Empty(stats.DeadlineDays);
    }
}
