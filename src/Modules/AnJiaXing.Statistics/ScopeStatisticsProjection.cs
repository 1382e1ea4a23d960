using JasperFx.Events;
using JasperFx.Events.Grouping;
using Marten;
using Marten.Events.Projections;

namespace AnJiaXing.Statistics;

/// <summary>
/// Keeps a <see cref="ScopeStatistics"/> per district, town, domain and enterprise on the async daemon. Hazard
/// events carry only the hazard and enterprise, and a status count must know the status a hazard leaves, so the
/// grouping replays each hazard's own stream (immutable, so live runs and rebuilds see the same history) and hands
/// each scope a <see cref="HazardStep"/>: the hazard's facts before and after the event. Inspections go the same way:
/// each inspection stream is replayed into <see cref="InspectionFacts"/>, and a plan's completion per scope is
/// recomputed at its <c>InspectionPlanned</c> and at every submit under it (<see cref="PlanHistories"/>).
/// </summary>
public partial class ScopeStatisticsProjection : MultiStreamProjection<ScopeStatistics, string>
{
    public const string ProjectionTitle = "ScopeStatistics";

    public ScopeStatisticsProjection()
    {
        Name = ProjectionTitle;
        foreach (var type in HazardEventTypes.Concat(InspectionEventTypes)) IncludeType(type);
        CustomGrouping(GroupAsync);
    }

    public static readonly Type[] HazardEventTypes = HazardLifecycle.EventTypes;

    /// <summary>The inspection and plan events that change a figure (recorded items and recheck verdicts do not).</summary>
    public static readonly Type[] InspectionEventTypes =
        [typeof(InspectionStarted), typeof(InspectionSubmitted), typeof(InspectionHazardRaised), typeof(InspectionPlanned)];

    public void Apply(ScopeStatistics stats, HazardStep step) => stats.Apply(step);
    public void Apply(ScopeStatistics stats, InspectionStep step) => stats.Apply(step);

    private static async Task GroupAsync(IQuerySession session, IReadOnlyList<IEvent> events, IEventGrouping<string> grouping)
    {
        await GroupHazardsAsync(session, events, grouping);
        await GroupInspectionsAsync(session, events, grouping);
    }

    private static async Task GroupHazardsAsync(IQuerySession session, IReadOnlyList<IEvent> events, IEventGrouping<string> grouping)
    {
        var hazardEvents = events.Where(e => e.Data is IHazardEvent).ToList();
        if (hazardEvents.Count == 0) return;

        var histories = await HazardHistories.LoadAsync(session, hazardEvents.Select(e => ((IHazardEvent)e.Data).HazardId).Distinct().ToArray());
        foreach (var e in hazardEvents)
        {
            var step = histories.StepAt(((IHazardEvent)e.Data).HazardId, e.Version);
            if (step is null) continue;
            foreach (var scope in StatisticsScopes.Of(step.After)) grouping.AddEvent(scope, Synthetic(e, step, "hazard_step"));
        }
    }

    private static async Task GroupInspectionsAsync(IQuerySession session, IReadOnlyList<IEvent> events, IEventGrouping<string> grouping)
    {
        var inspectionEvents = events.Where(e => e.Data is IInspectionEvent).ToList();
        var planIds = events.Select(e => e.Data switch
        {
            InspectionPlanned p => p.PlanId,
            InspectionSubmitted { PlanId: { } id } => id,
            _ => (Guid?)null
        }).OfType<Guid>().Distinct().ToArray();
        if (inspectionEvents.Count == 0 && planIds.Length == 0) return;

        var inspections = await InspectionHistories.LoadAsync(session,
            inspectionEvents.Select(e => ((IInspectionEvent)e.Data).InspectionId).Distinct().ToArray());
        var plans = await PlanHistories.LoadAsync(session, planIds);
        foreach (var e in events)
        {
            if (e.Data is IInspectionEvent i && inspections.StepAt(i.InspectionId, e.Version) is { } step)
                foreach (var scope in StatisticsScopes.Of(step.After)) grouping.AddEvent(scope, Synthetic(e, step, "inspection_step"));

            var planId = e.Data switch { InspectionPlanned p => p.PlanId, InspectionSubmitted s => s.PlanId, _ => null };
            if (planId is null) continue;
            foreach (var (scope, planStep) in plans.StepsAt(planId.Value, e.Sequence))
                grouping.AddEvent(scope, Synthetic(e, planStep, "plan_step", PlanStepId(e.Id)));
        }
    }

    // A submit under a plan gives a scope both an inspection step and a plan step; the slice keeps one event per id.
    private static Guid PlanStepId(Guid sourceId)
    {
        var bytes = sourceId.ToByteArray();
        bytes[15] ^= 0xFF;
        return new Guid(bytes);
    }

    private static Event<T> Synthetic<T>(IEvent source, T step, string typeName, Guid? id = null) where T : notnull => new(step)
    {
        Id = id ?? source.Id,
        Sequence = source.Sequence,
        Version = source.Version,
        StreamId = source.StreamId,
        Timestamp = source.Timestamp,
        EventTypeName = typeName,
        DotNetTypeName = typeof(T).FullName!
    };
}

/// <summary>The facts of each hazard after each version of its stream, for the hazards of one daemon batch.</summary>
internal sealed class HazardHistories
{
    private readonly Dictionary<Guid, List<HazardFacts>> _facts = new();

    public static async Task<HazardHistories> LoadAsync(IQuerySession session, Guid[] hazardIds)
    {
        var histories = new HazardHistories();
        var all = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(hazardIds))
            .OrderBy(e => e.Sequence)
            .ToListAsync();
        foreach (var stream in all.GroupBy(e => e.StreamId))
        {
            var facts = new List<HazardFacts>();
            HazardFacts? current = null;
            foreach (var e in stream.OrderBy(e => e.Version))
            {
                current = (e.Data, current) switch
                {
                    (HazardReported r, _) => HazardFacts.Reported(r, e.Timestamp),
                    (IHazardEvent h, { } c) => c.After(h, e.Timestamp),
                    _ => current
                };
                if (current is not null) facts.Add(current);
                else facts.Add(null!);
            }
            histories._facts[stream.Key] = facts;
        }
        return histories;
    }

    /// <summary>The step of the event at <paramref name="version"/> (1-based) of the hazard's stream.</summary>
    public HazardStep? StepAt(Guid hazardId, long version)
    {
        if (!_facts.TryGetValue(hazardId, out var facts) || version < 1 || version > facts.Count) return null;
        var after = facts[(int)version - 1];
        if (after is null) return null;
        var before = version > 1 ? facts[(int)version - 2] : null;
        return new HazardStep(before, after);
    }
}
