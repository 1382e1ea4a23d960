using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace AnJiaXing.Statistics;

/// <summary>
/// Keeps a <see cref="ScopeStatistics"/> per district, town, domain and enterprise on the async daemon, without
/// reading any stream (ADR 0018). A hazard event carries only the hazard and enterprise, and a status count must know
/// the status the hazard leaves, so the projection keeps each hazard's facts as a document of its own
/// (<see cref="HazardTally"/>, likewise <see cref="InspectionTally"/> and <see cref="PlanTally"/>). A daemon batch
/// loads the tallies of what it touches (one round trip), folds its events onto them in sequence order, and hands
/// each scope one step per hazard, inspection or plan: the facts at the start of the batch → at its end. Steps
/// telescope, so one step per batch counts exactly what one step per event would, whatever the batch boundaries.
/// The tallies are written in the batch's own transaction, with the daemon's progress, so the next batch starts
/// from exactly the facts this one ended with — live or in a rebuild.
/// </summary>
public sealed class ScopeStatisticsProjection : ProjectionBase, IProjection
{
    public const string ProjectionTitle = "ScopeStatistics";

    /// <summary>The inspection and plan events that change a figure (declared before EventTypes, which reads it; recorded items and recheck verdicts do not).</summary>
    public static readonly Type[] InspectionEventTypes =
        [typeof(InspectionStarted), typeof(InspectionSubmitted), typeof(InspectionHazardRaised), typeof(InspectionPlanned)];

    /// <summary>
    /// The events that can change a figure. Declared to the daemon (<c>IncludeType</c>), whose event loader then
    /// selects only these types in SQL, live and in a rebuild, instead of loading and deserialising every event of
    /// every module (issue 12). Concrete types only: Marten drops the whole filter when one is an interface. Time
    /// travel (<see cref="StatisticsAsOf"/>) reads the same list, so both fold the same events (ADR 0018).
    /// </summary>
    public static readonly Type[] EventTypes = HazardLifecycle.EventTypes.Concat(InspectionEventTypes).ToArray();

    public ScopeStatisticsProjection()
    {
        Name = ProjectionTitle;
        foreach (var type in EventTypes) IncludeType(type);
    }

    /// <summary>
    /// Events per daemon batch at most. Every batch rewrites each scope document it touches whole (the district, the
    /// towns, the domains and ~every enterprise with a year of days: megabytes), so a rebuild's cost is that rewrite
    /// times the number of batches: 2,000 made a rebuild 0.044 × a raw read (issue 12). The count does not depend
    /// on the batch boundaries (steps telescope, ADR 0018); a live daemon that keeps up sees far smaller batches.
    /// </summary>
    public const int BatchSize = 20_000;

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var hazardIds = new HashSet<Guid>();
        var inspectionIds = new HashSet<Guid>();
        var planIds = new HashSet<Guid>();
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case IHazardEvent h: hazardIds.Add(h.HazardId); break;
                case InspectionPlanned p: planIds.Add(p.PlanId); break;
                case IInspectionEvent i:
                    inspectionIds.Add(i.InspectionId);
                    if (i is InspectionSubmitted { PlanId: { } plan }) planIds.Add(plan);
                    break;
            }
        }
        if (hazardIds.Count == 0 && inspectionIds.Count == 0 && planIds.Count == 0) return;

        var batch = operations.CreateBatchQuery();
        var hazardQuery = batch.LoadMany<HazardTally>().ById(hazardIds.ToArray());
        var inspectionQuery = batch.LoadMany<InspectionTally>().ById(inspectionIds.ToArray());
        var planQuery = batch.LoadMany<PlanTally>().ById(planIds.ToArray());
        await batch.Execute(cancellation);

        var fold = new StatisticsFold(
            (await hazardQuery).ToDictionary(t => t.Id, t => t.Facts),
            (await inspectionQuery).ToDictionary(t => t.Id, t => t.Facts),
            (await planQuery).ToDictionary(t => t.Id));
        foreach (var e in events) fold.Apply(e);

        var steps = fold.Steps();
        if (steps.Count > 0)
        {
            var scopes = await operations.LoadManyAsync<ScopeStatistics>(cancellation, steps.Keys.ToArray());
            var byId = scopes.ToDictionary(s => s.Id);
            StatisticsFold.Count(steps, byId);
            operations.Store(byId.Values.ToArray());
        }

        var (hazards, inspections, plans) = fold.ChangedTallies();
        if (hazards.Length > 0) operations.Store(hazards);
        if (inspections.Length > 0) operations.Store(inspections);
        if (plans.Length > 0) operations.Store(plans);
    }
}

/// <summary>A hazard's facts as the statistics last counted them; written by <see cref="ScopeStatisticsProjection"/> only.</summary>
public sealed record HazardTally(Guid Id, HazardFacts Facts);

/// <summary>An inspection's facts as the statistics last counted them; written by <see cref="ScopeStatisticsProjection"/> only.</summary>
public sealed record InspectionTally(Guid Id, InspectionFacts Facts);

/// <summary>
/// A plan as the statistics see it: its enterprises (from <c>InspectionPlanned</c>; null until it is seen) and the
/// enterprises a submitted inspection under it has covered (sorted, so a rebuild stores the same document).
/// </summary>
public sealed record PlanTally(Guid Id, IReadOnlyList<PlannedEnterprise>? Enterprises, IReadOnlyList<Guid> Completed)
{
    /// <summary>
    /// A plan counts once in every scope holding one of its enterprises, with that scope's planned and completed
    /// enterprises. Domains are left out: the plan records no domains, and an enterprise's current domains may differ
    /// from those at planning time, which would make a later step subtract from a document the first never added to.
    /// </summary>
    public Dictionary<string, InspectionFacts> Shares()
    {
        var shares = new Dictionary<string, InspectionFacts>();
        if (Enterprises is null) return shares;
        var done = Completed.ToHashSet();
        foreach (var e in Enterprises.DistinctBy(e => e.EnterpriseId))
        {
            var completed = done.Contains(e.EnterpriseId) ? 1 : 0;
            foreach (var scope in new[] { StatisticsScopes.District, StatisticsScopes.Town(e.TownId), StatisticsScopes.Enterprise(e.EnterpriseId) })
            {
                var share = shares.GetValueOrDefault(scope) ?? new InspectionFacts { Id = Id, IsPlan = true };
                shares[scope] = share with { Planned = share.Planned + 1, Completed = share.Completed + completed };
            }
        }
        return shares;
    }
}

/// <summary>
/// One daemon batch folded onto the tallies it loaded: the facts each hazard, inspection and plan had when the batch
/// began (null when it first appears) and has at its end. Pure, so the unit tests can drive it batch by batch.
/// </summary>
public sealed class StatisticsFold(
    Dictionary<Guid, HazardFacts> hazards, Dictionary<Guid, InspectionFacts> inspections, Dictionary<Guid, PlanTally> plans)
{
    private readonly Dictionary<Guid, HazardFacts?> _hazardsBefore = new();
    private readonly Dictionary<Guid, InspectionFacts?> _inspectionsBefore = new();
    private readonly Dictionary<Guid, PlanTally?> _plansBefore = new();

    public void Apply(IEvent e)
    {
        switch (e.Data)
        {
            case IHazardEvent h:
            {
                var current = hazards.GetValueOrDefault(h.HazardId);
                _hazardsBefore.TryAdd(h.HazardId, current);
                var next = h is HazardReported r ? HazardFacts.Reported(r, e.Timestamp) : current?.After(h, e.Timestamp);
                if (next is not null) hazards[h.HazardId] = next;
                break;
            }
            case InspectionPlanned p:
            {
                var current = plans.GetValueOrDefault(p.PlanId);
                _plansBefore.TryAdd(p.PlanId, current);
                plans[p.PlanId] = new PlanTally(p.PlanId, p.Enterprises, current?.Completed ?? []);
                break;
            }
            case IInspectionEvent i:
            {
                var current = inspections.GetValueOrDefault(i.InspectionId);
                _inspectionsBefore.TryAdd(i.InspectionId, current);
                var next = i is InspectionStarted s ? InspectionFacts.Started(s) : current?.After(i, e.Timestamp);
                if (next is not null) inspections[i.InspectionId] = next;
                if (i is InspectionSubmitted { PlanId: { } planId, EnterpriseId: { } enterpriseId })
                {
                    var plan = plans.GetValueOrDefault(planId);
                    _plansBefore.TryAdd(planId, plan);
                    var completed = plan?.Completed ?? [];
                    if (!completed.Contains(enterpriseId))
                        plans[planId] = new PlanTally(planId, plan?.Enterprises, completed.Append(enterpriseId).Order().ToList());
                }
                break;
            }
        }
    }

    /// <summary>The steps of the batch by scope document id: hazard steps, then inspection and plan steps.</summary>
    public Dictionary<string, List<object>> Steps()
    {
        var steps = new Dictionary<string, List<object>>();
        void Add(string scope, object step)
        {
            if (!steps.TryGetValue(scope, out var list)) steps[scope] = list = [];
            list.Add(step);
        }

        foreach (var (id, before) in _hazardsBefore)
        {
            if (!hazards.TryGetValue(id, out var after) || after == before) continue;
            var step = new HazardStep(before, after);
            foreach (var scope in StatisticsScopes.Of(after)) Add(scope, step);
        }
        foreach (var (id, before) in _inspectionsBefore)
        {
            if (!inspections.TryGetValue(id, out var after) || ReferenceEquals(after, before) || after == before) continue;
            var step = new InspectionStep(before, after);
            foreach (var scope in StatisticsScopes.Of(after)) Add(scope, step);
        }
        foreach (var (id, before) in _plansBefore)
        {
            if (!plans.TryGetValue(id, out var after) || ReferenceEquals(after, before)) continue;
            var old = before?.Shares() ?? [];
            foreach (var (scope, share) in after.Shares())
            {
                var was = old.GetValueOrDefault(scope);
                if (was is not null && was.Planned == share.Planned && was.Completed == share.Completed) continue;
                Add(scope, new InspectionStep(was, share));
            }
        }
        return steps;
    }

    /// <summary>Counts the steps into the scope documents (created when missing), pruning each once.</summary>
    public static void Count(Dictionary<string, List<object>> steps, Dictionary<string, ScopeStatistics> documents)
    {
        foreach (var (scope, scopeSteps) in steps)
        {
            if (!documents.TryGetValue(scope, out var stats)) documents[scope] = stats = new ScopeStatistics { Id = scope };
            foreach (var step in scopeSteps)
            {
                if (step is HazardStep h) stats.Add(h);
                else stats.Apply((InspectionStep)step);
            }
            stats.Prune();
        }
    }

    /// <summary>The tallies the batch changed, to be stored in its transaction.</summary>
    public (HazardTally[] Hazards, InspectionTally[] Inspections, PlanTally[] Plans) ChangedTallies() => (
        _hazardsBefore.Where(b => hazards.TryGetValue(b.Key, out var a) && a != b.Value).Select(b => new HazardTally(b.Key, hazards[b.Key])).ToArray(),
        _inspectionsBefore.Where(b => inspections.TryGetValue(b.Key, out var a) && !ReferenceEquals(a, b.Value))
            .Select(b => new InspectionTally(b.Key, inspections[b.Key])).ToArray(),
        _plansBefore.Where(b => plans.TryGetValue(b.Key, out var a) && !ReferenceEquals(a, b.Value)).Select(b => plans[b.Key]).ToArray());
}
