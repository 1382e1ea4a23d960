using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using static AnJiaXing.UnitTests.Hazards.HazardSamples;

namespace AnJiaXing.UnitTests.Statistics;

/// <summary>
/// The daemon hands <see cref="ScopeStatisticsProjection"/> only the event types it declares (issue 12). That is safe
/// only if every event that can move a figure is declared, and the events left out change nothing (ADR 0018).
/// </summary>
public class StatisticsEventFilterTests
{
    private static readonly Guid InspectionId = Guid.Parse("01930000-0000-7000-8000-0000000000a9");

    [Fact]
    public void the_registered_projection_declares_its_event_types_to_the_daemon()
    {
        var opts = new StoreOptions();
        opts.ConfigureStatistics();
        var source = opts.Projections.All.OfType<ProjectionBase>().Single(p => p.Name == ScopeStatisticsProjection.ProjectionTitle);

        Assert.Equal(ScopeStatisticsProjection.EventTypes.ToHashSet(), source.IncludedEventTypes.ToHashSet());
        // Marten drops the whole SQL filter when one included type is an interface or abstract.
        Assert.DoesNotContain(source.IncludedEventTypes, t => t.IsInterface || t.IsAbstract);
        Assert.Equal(ScopeStatisticsProjection.BatchSize, source.Options.BatchSize);
    }

    [Fact]
    public void every_hazard_event_type_is_declared()
    {
        var hazardEvents = typeof(IHazardEvent).Assembly.GetTypes()
            .Where(t => typeof(IHazardEvent).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false });
        Assert.Empty(hazardEvents.Except(ScopeStatisticsProjection.EventTypes));
    }

    [Fact]
    public void the_inspection_events_left_out_change_no_figure()
    {
        var all = StatisticsFoldTests.History();
        // Recorded items and recheck verdicts (not declared) interleaved with the history, after and before its start.
        object[] extra =
        [
            new InspectionItemRecorded(InspectionId, "HC-01", true, "储存", "危化品超量储存", null, HazardLevel.Major, ItemResult.NonCompliant,
                null, [], null, HazardCategory.HazardousChemicals, Town),
            new InspectionRecheckRecorded(InspectionId, HazardId, true, Town)
        ];
        var mixed = new List<IEvent>();
        for (var i = 0; i < all.Count; i++)
        {
            mixed.Add(all[i]);
            mixed.Add(Wrap(extra[i % extra.Length], all[i].Timestamp));
        }
        mixed.Insert(0, Wrap(extra[0], all[0].Timestamp));
        for (var i = 0; i < mixed.Count; i++) mixed[i].Sequence = i + 1;
        Assert.Contains(mixed, e => !ScopeStatisticsProjection.EventTypes.Contains(e.Data.GetType()));

        var declaredOnly = mixed.Where(e => ScopeStatisticsProjection.EventTypes.Contains(e.Data.GetType())).ToList();
        Assert.Equal(all.Count, declaredOnly.Count);
        foreach (var size in new[] { 1, 2, 5, mixed.Count })
            Assert.Equal(StatisticsFoldTests.Run(mixed, size), StatisticsFoldTests.Run(declaredOnly, Math.Min(size, declaredOnly.Count)));
    }

    private static IEvent Wrap(object data, DateTimeOffset at)
    {
        var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;
        e.Timestamp = at;
        return e;
    }
}
