namespace AnJiaXing.Api.Inspections.Plans;

/// <summary>How far a plan has got: an enterprise counts as done once a submitted inspection under the plan covers it.</summary>
public sealed class InspectionPlanProgress
{
    public Guid Id { get; set; }
    public List<Guid> PlannedEnterpriseIds { get; set; } = [];
    public List<Guid> CompletedEnterpriseIds { get; set; } = [];
    public int SubmittedInspections { get; set; }

    public int Total => PlannedEnterpriseIds.Count;
    public int Completed => CompletedEnterpriseIds.Count;
    public double CompletionRate => Total == 0 ? 0 : Math.Round((double)Completed / Total, 4);
}
