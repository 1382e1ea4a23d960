using Marten;

namespace AnJiaXing.Inspections.Plans;

/// <summary>How far a plan has got: an enterprise counts as done once a submitted inspection under the plan covers it.</summary>
public sealed record InspectionPlanProgress(IReadOnlyList<Guid> CompletedEnterpriseIds, int SubmittedInspections)
{
    public static readonly InspectionPlanProgress None = new([], 0);

    /// <summary>
    /// Read from the inspection records' inline projection (indexed by plan), so the figure is exact the moment a submit
    /// commits and two inspectors submitting at once cannot overwrite each other's count (ADR 0017).
    /// </summary>
    public static async Task<Dictionary<Guid, InspectionPlanProgress>> ForAsync(IQuerySession session, IReadOnlyList<InspectionPlan> plans, CancellationToken ct)
    {
        if (plans.Count == 0) return [];
        var ids = plans.Select(p => (Guid?)p.Id).ToArray();
        var submitted = await session.Query<InspectionRecord>()
            .Where(r => r.PlanId.IsOneOf(ids) && r.Status == InspectionStatus.Submitted)
            .Select(r => new { r.PlanId, r.EnterpriseId })
            .ToListAsync(ct);
        return plans.ToDictionary(p => p.Id, p =>
        {
            var mine = submitted.Where(s => s.PlanId == p.Id).ToList();
            var done = mine.Select(s => s.EnterpriseId).OfType<Guid>().Distinct().Where(p.EnterpriseIds.Contains).ToList();
            return new InspectionPlanProgress(done, mine.Count);
        });
    }
}
