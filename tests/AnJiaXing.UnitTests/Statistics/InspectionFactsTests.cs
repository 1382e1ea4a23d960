using static AnJiaXing.UnitTests.Hazards.HazardSamples;

namespace AnJiaXing.UnitTests.Statistics;

public class InspectionFactsTests
{
    private static readonly Guid InspectionId = Guid.Parse("01930000-0000-7000-8000-0000000000a9");

    private static InspectionStarted Started(Guid? enterpriseId = null) => new(InspectionId, InspectionKind.Routine,
        enterpriseId ?? EnterpriseId, "南翔化工", null, TownId, "南翔镇", [IndustryDomain.HazardousChemicals],
        null, null, null, 0, null, null, Town);

    private static (ScopeStatistics Stats, InspectionFacts Facts) Fold(params (IInspectionEvent Event, DateTimeOffset At)[] events)
    {
        var stats = new ScopeStatistics();
        InspectionFacts? facts = null;
        foreach (var (e, at) in events)
        {
            var next = e is InspectionStarted s ? InspectionFacts.Started(s) : facts!.After(e, at);
            stats.Apply(new InspectionStep(facts, next));
            facts = next;
        }
        return (stats, facts!);
    }

    [Fact]
    public void a_draft_counts_nowhere()
    {
        var (stats, _) = Fold((Started(), T0));
        Assert.Empty(stats.Inspections.ByMonth);
        Assert.Empty(stats.Inspections.ByKind);
    }

    [Fact]
    public void a_submitted_inspection_counts_in_the_district_month_of_its_submit_with_the_hazards_it_raised()
    {
        // 2026-11-30 17:00 UTC is 2026-12-01 01:00 in the district.
        var submittedAt = new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero);
        var (stats, facts) = Fold((Started(), T0),
            (new InspectionSubmitted(InspectionId, EnterpriseId, null, ["HC-07", "HC-09"], null, Town), submittedAt),
            (new InspectionHazardRaised(InspectionId, "HC-07", Guid.CreateVersion7(), Town), submittedAt.AddMinutes(1)),
            (new InspectionHazardRaised(InspectionId, "HC-09", Guid.CreateVersion7(), Town), submittedAt.AddMinutes(1)));
        Assert.Equal(new DateOnly(2026, 12, 1), facts.SubmittedOn);
        Assert.Equal(new Dictionary<string, int> { ["2026-12"] = 1 }, stats.Inspections.ByMonth);
        Assert.Equal(new Dictionary<string, int> { ["2026-12"] = 2 }, stats.Inspections.HazardsRaisedByMonth);
        Assert.Equal(new Dictionary<string, int> { ["Routine"] = 1 }, stats.Inspections.ByKind);
        Assert.Equal([StatisticsScopes.District, StatisticsScopes.Town(TownId), StatisticsScopes.Domain(IndustryDomain.HazardousChemicals),
            StatisticsScopes.Enterprise(EnterpriseId)], StatisticsScopes.Of(facts));
    }

    [Fact]
    public void recorded_items_leave_the_facts_unchanged()
    {
        var facts = InspectionFacts.Started(Started());
        var recorded = new InspectionRecheckRecorded(InspectionId, Guid.CreateVersion7(), true, Town);
        Assert.Same(facts, facts.After(recorded, T0));
    }
}
