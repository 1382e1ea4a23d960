using Marten.Events.Projections;

namespace AnJiaXing.Api.Inspections.Plans;

/// <summary>
/// Keeps each plan's completion. Async on the daemon, like the enterprise hazard ledger: many inspection streams
/// feed one plan document, and the daemon applies their events one at a time where concurrent inline updates
/// could overwrite each other.
/// </summary>
public partial class InspectionPlanProgressProjection : MultiStreamProjection<InspectionPlanProgress, Guid>
{
    public InspectionPlanProgressProjection()
    {
        Identity<InspectionPlanned>(e => e.PlanId);
        Identities<InspectionSubmitted>(e => e.PlanId is { } plan ? [plan] : []);
    }

    public InspectionPlanProgress Create(InspectionPlanned e) => new()
    {
        Id = e.PlanId,
        PlannedEnterpriseIds = [.. e.Enterprises.Select(x => x.EnterpriseId)]
    };

    public void Apply(InspectionSubmitted e, InspectionPlanProgress progress)
    {
        progress.SubmittedInspections++;
        if (e.EnterpriseId is { } id && progress.PlannedEnterpriseIds.Contains(id) && !progress.CompletedEnterpriseIds.Contains(id))
            progress.CompletedEnterpriseIds.Add(id);
    }
}
