using JasperFx.Events;
using Marten;

namespace AnJiaXing.Statistics;

/// <summary>The facts of each inspection after each version of its stream, for the inspections of one daemon batch.</summary>
internal sealed class InspectionHistories
{
    private readonly Dictionary<Guid, List<InspectionFacts?>> _facts = new();

    public static async Task<InspectionHistories> LoadAsync(IQuerySession session, Guid[] inspectionIds)
    {
        var histories = new InspectionHistories();
        if (inspectionIds.Length == 0) return histories;
        var all = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(inspectionIds))
            .OrderBy(e => e.Sequence)
            .ToListAsync();
        foreach (var stream in all.GroupBy(e => e.StreamId))
        {
            var facts = new List<InspectionFacts?>();
            InspectionFacts? current = null;
            foreach (var e in stream.OrderBy(e => e.Version))
            {
                current = (e.Data, current) switch
                {
                    (InspectionStarted s, _) => InspectionFacts.Started(s),
                    (IInspectionEvent i, { } c) => c.After(i, e.Timestamp),
                    _ => current
                };
                facts.Add(current);
            }
            histories._facts[stream.Key] = facts;
        }
        return histories;
    }

    /// <summary>The step of the event at <paramref name="version"/> (1-based); null when it changes nothing counted.</summary>
    public InspectionStep? StepAt(Guid inspectionId, long version)
    {
        if (!_facts.TryGetValue(inspectionId, out var facts) || version < 1 || version > facts.Count) return null;
        if (facts[(int)version - 1] is not { } after) return null;
        var before = version > 1 ? facts[(int)version - 2] : null;
        return ReferenceEquals(before, after) ? null : new InspectionStep(before, after);
    }
}

/// <summary>
/// Plan completion per scope, for the plans of one daemon batch: a plan's enterprises (from <c>InspectionPlanned</c>)
/// and the submitted inspections under it, each with its global sequence, so the completion before and after any event
/// is exactly what the event store held at that point — live or in a rebuild.
/// </summary>
internal sealed class PlanHistories
{
    private readonly Dictionary<Guid, (long Sequence, IReadOnlyList<PlannedEnterprise> Enterprises)> _plans = new();
    private readonly Dictionary<Guid, List<(long Sequence, Guid EnterpriseId)>> _submitted = new();

    public static async Task<PlanHistories> LoadAsync(IQuerySession session, Guid[] planIds)
    {
        var histories = new PlanHistories();
        if (planIds.Length == 0) return histories;
        var plans = await session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(planIds)).ToListAsync();
        foreach (var e in plans)
            if (e.Data is InspectionPlanned p) histories._plans[p.PlanId] = (e.Sequence, p.Enterprises);

        // The records' PlanId index finds the plan's inspection streams; their own events say when each was submitted.
        var nullable = planIds.Select(id => (Guid?)id).ToArray();
        var inspectionIds = (await session.Query<InspectionRecord>().Where(r => r.PlanId.IsOneOf(nullable)).Select(r => r.Id).ToListAsync()).ToArray();
        if (inspectionIds.Length == 0) return histories;
        var events = await session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(inspectionIds)).ToListAsync();
        foreach (var e in events)
        {
            if (e.Data is not InspectionSubmitted { PlanId: { } planId, EnterpriseId: { } enterpriseId }) continue;
            if (!histories._submitted.TryGetValue(planId, out var list)) histories._submitted[planId] = list = [];
            list.Add((e.Sequence, enterpriseId));
        }
        return histories;
    }

    /// <summary>
    /// The steps of plan <paramref name="planId"/> at the event with global sequence <paramref name="sequence"/> (its
    /// <c>InspectionPlanned</c> or a submit under it), one per scope whose share of the plan changed.
    /// </summary>
    public IEnumerable<(string Scope, InspectionStep Step)> StepsAt(Guid planId, long sequence)
    {
        if (!_plans.TryGetValue(planId, out var plan) || sequence < plan.Sequence) yield break;
        var before = sequence == plan.Sequence ? null : Shares(planId, plan.Enterprises, s => s < sequence);
        var after = Shares(planId, plan.Enterprises, s => s <= sequence);
        foreach (var (scope, facts) in after)
        {
            var old = before?.GetValueOrDefault(scope);
            if (old is not null && old.Completed == facts.Completed) continue;
            yield return (scope, new InspectionStep(old, facts));
        }
    }

    // A plan counts once in every scope holding one of its enterprises, with that scope's planned and completed enterprises.
    // Domains are left out: the plan records no domains, and an enterprise's current domains may differ from those at
    // planning time, which would make a later step subtract from a document the first step never added to.
    private Dictionary<string, InspectionFacts> Shares(Guid planId, IReadOnlyList<PlannedEnterprise> enterprises, Func<long, bool> upTo)
    {
        var done = _submitted.GetValueOrDefault(planId, []).Where(s => upTo(s.Sequence)).Select(s => s.EnterpriseId).ToHashSet();
        var shares = new Dictionary<string, InspectionFacts>();
        foreach (var e in enterprises.DistinctBy(e => e.EnterpriseId))
        {
            var completed = done.Contains(e.EnterpriseId) ? 1 : 0;
            foreach (var scope in new[] { StatisticsScopes.District, StatisticsScopes.Town(e.TownId), StatisticsScopes.Enterprise(e.EnterpriseId) })
            {
                var share = shares.GetValueOrDefault(scope) ?? new InspectionFacts { Id = planId, IsPlan = true };
                shares[scope] = share with { Planned = share.Planned + 1, Completed = share.Completed + completed };
            }
        }
        return shares;
    }
}
