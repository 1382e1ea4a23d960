using System.Text.Json;
using System.Text.Json.Nodes;
using JasperFx.Events;
using static AnJiaXing.UnitTests.Hazards.HazardSamples;

namespace AnJiaXing.UnitTests.Statistics;

/// <summary>
/// The projection's fold (ADR 0018) must give the same documents however the daemon cuts the events into batches,
/// and the same as counting every event's step on its own (what the stream-replaying projection did).
/// </summary>
public class StatisticsFoldTests
{
    private static readonly Guid Second = Guid.Parse("01930000-0000-7000-8000-000000000002");
    private static readonly Guid Other = Guid.Parse("01930000-0000-7000-8000-0000000000e2");
    private static readonly Guid OtherTown = Guid.Parse("01930000-0000-7000-8000-0000000000a2");
    private static readonly Guid PlanId = Guid.Parse("01930000-0000-7000-8000-0000000000f0");
    private static readonly Guid InspectionId = Guid.Parse("01930000-0000-7000-8000-0000000000a9");

    internal static List<IEvent> History()
    {
        var second = Reported(HazardLevel.Major) with { HazardId = Second, EnterpriseId = Other, TownId = OtherTown, Domain = IndustryDomain.ConstructionSites };
        object[] data =
        [
            Reported(),
            second,
            new InspectionPlanned(PlanId, "专项", InspectionPlanType.SpecialAction, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), Guid.Empty, "清单",
                [new PlannedEnterprise(EnterpriseId, "南翔化工", TownId), new PlannedEnterprise(Other, "安亭建工", OtherTown)], [], Town),
            new RectificationAssigned(HazardId, EnterpriseId, Responsible.Id, Responsible.Name, T0.AddDays(20), "更换", null, null, Town),
            new InspectionStarted(InspectionId, InspectionKind.SpecialAction, EnterpriseId, "南翔化工", null, TownId, "南翔镇",
                [IndustryDomain.HazardousChemicals], null, null, null, 0, PlanId, null, Town),
            new HazardConfirmed(Second, Other, null, Department),
            new RectificationSubmitted(HazardId, EnterpriseId, "已整改", [], false, Responsible),
            new InspectionSubmitted(InspectionId, EnterpriseId, PlanId, [], null, Town),
            new HazardDowngraded(Second, Other, "储量未超临界量", Department),
            new InspectionHazardRaised(InspectionId, "HC-01", Second, Town),
            new RecheckPassed(HazardId, EnterpriseId, "合格", [], Inspector),
            new HazardClosed(HazardId, EnterpriseId, "复查合格", [], Inspector),
            new HazardDismissed(Second, Other, "误报", Department)
        ];
        return data.Select((d, i) =>
        {
            var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(d.GetType()), d)!;
            e.Sequence = i + 1;
            e.Timestamp = T0.AddDays(i); // one district day per event, so every day key moves
            return e;
        }).ToList();
    }

    /// <summary>Runs the fold batch by batch, the tallies and documents carried from one batch to the next as the store would.</summary>
    internal static string Run(IReadOnlyList<IEvent> events, int batchSize)
    {
        var hazards = new Dictionary<Guid, HazardFacts>();
        var inspections = new Dictionary<Guid, InspectionFacts>();
        var plans = new Dictionary<Guid, PlanTally>();
        var documents = new Dictionary<string, ScopeStatistics>();
        foreach (var batch in events.Chunk(batchSize))
        {
            var fold = new StatisticsFold(new(hazards), new(inspections), new(plans));
            foreach (var e in batch) fold.Apply(e);
            StatisticsFold.Count(fold.Steps(), documents);
            var (h, i, p) = fold.ChangedTallies();
            foreach (var t in h) hazards[t.Id] = t.Facts;
            foreach (var t in i) inspections[t.Id] = t.Facts;
            foreach (var t in p) plans[t.Id] = t;
        }
        return Canonical(documents);
    }

    private static string Canonical(object value) => Sort(JsonSerializer.SerializeToNode(value))!.ToJsonString();

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value?.DeepClone())))),
        JsonArray a => new JsonArray(a.Select(x => Sort(x?.DeepClone())).ToArray()),
        _ => node?.DeepClone()
    };

    [Fact]
    public void any_batching_gives_the_same_documents()
    {
        var events = History();
        var whole = Run(events, events.Count);
        for (var size = 1; size < events.Count; size++)
            Assert.Equal(whole, Run(events, size));
    }

    [Fact]
    public void the_fold_counts_what_one_step_per_event_counts()
    {
        // The figures by hand: H1 reported day 0, rectified day 6, closed day 11 (deadline day 20: on time);
        // H2 major, confirmed, downgraded, dismissed: reported, not valid, not accurate. One inspection submitted
        // day 7 (one hazard raised), covering one of the plan's two enterprises.
        var documents = JsonSerializer.Deserialize<Dictionary<string, ScopeStatistics>>(Run(History(), 3))!;
        var district = documents[StatisticsScopes.District];
        Assert.Equal(2, district.Hazards);
        Assert.Equal(0, district.OpenHazards);
        Assert.Equal(new Dictionary<HazardStatus, int> { [HazardStatus.Closed] = 1, [HazardStatus.Dismissed] = 1 }, district.ByStatus);
        Assert.Equal(new Dictionary<HazardLevel, int> { [HazardLevel.General] = 2 }, district.ByLevel);
        var day0 = district.Days[StatisticsCalendar.Key(StatisticsCalendar.DayOf(T0))];
        Assert.Equal((1, 1, 1, 1, 1, 1), (day0.Reported, day0.Valid, day0.Accurate, day0.Rectified, day0.Closed, day0.ClosedOnTime));
        var day1 = district.Days[StatisticsCalendar.Key(StatisticsCalendar.DayOf(T0.AddDays(1)))];
        Assert.Equal((1, 0, 0), (day1.Reported, day1.Valid, day1.Accurate));
        Assert.Equal(1, district.Days[StatisticsCalendar.Key(StatisticsCalendar.DayOf(T0.AddDays(6)))].RectifiedThatDay);
        Assert.Equal(1, district.Days[StatisticsCalendar.Key(StatisticsCalendar.DayOf(T0.AddDays(11)))].ClosedThatDay);
        Assert.Equal(4, district.Days.Count);
        Assert.Empty(district.DeadlineDays);
        Assert.Equal((1, 2, 1), (district.Inspections.Plans, district.Inspections.PlannedInspections, district.Inspections.CompletedInspections));
        var submitDay = district.Inspections.Days[StatisticsCalendar.Key(StatisticsCalendar.DayOf(T0.AddDays(7)))];
        Assert.Equal((1, 1), (submitDay.Inspections, submitDay.HazardsRaised));
        Assert.Equal(new Dictionary<string, int> { ["SpecialAction"] = 1 }, submitDay.ByKind);
        var otherTown = documents[StatisticsScopes.Town(OtherTown)].Inspections;
        Assert.Equal((1, 1, 0), (otherTown.Plans, otherTown.PlannedInspections, otherTown.CompletedInspections));
        Assert.Equal(1, documents[StatisticsScopes.Domain(IndustryDomain.ConstructionSites)].Hazards);

        // One step per event, as the stream-replaying projection counted them, gives the same district document.
        var perEvent = new ScopeStatistics { Id = StatisticsScopes.District };
        var facts = new Dictionary<Guid, HazardFacts>();
        foreach (var e in History())
        {
            if (e.Data is not IHazardEvent h) continue;
            var before = facts.GetValueOrDefault(h.HazardId);
            var after = h is HazardReported r ? HazardFacts.Reported(r, e.Timestamp) : before!.After(h, e.Timestamp);
            perEvent.Apply(new HazardStep(before, after));
            facts[h.HazardId] = after;
        }
        perEvent.Inspections = district.Inspections;
        Assert.Equal(Canonical(perEvent), Canonical(district));
    }
}
