namespace AnJiaXing.Inspections.Plans;

/// <summary>A plan as clients see it, with its completion (<see cref="InspectionPlanProgress"/>).</summary>
public sealed record InspectionPlanDto(
    Guid Id, long Version, string Name, InspectionPlanType Type, DateOnly PeriodStart, DateOnly PeriodEnd,
    Guid ChecklistId, string ChecklistName, IReadOnlyList<PlannedEnterprise> Enterprises, IReadOnlyList<PlannedInspector> Inspectors,
    Guid OwnerOrganisationId, string OwnerOrganisationName, DateTimeOffset CreatedAt,
    int Completed, int Total, double CompletionRate, IReadOnlyList<Guid> CompletedEnterpriseIds, int SubmittedInspections)
{
    public static InspectionPlanDto From(InspectionPlan p, InspectionPlanProgress progress) => new(
        p.Id, p.Version, p.Name, p.Type, p.PeriodStart, p.PeriodEnd, p.ChecklistId, p.ChecklistName, p.Enterprises, p.Inspectors,
        p.OwnerOrganisationId, p.OwnerOrganisationName, p.CreatedAt,
        progress.CompletedEnterpriseIds.Count, p.Enterprises.Count,
        p.Enterprises.Count == 0 ? 0 : Math.Round((double)progress.CompletedEnterpriseIds.Count / p.Enterprises.Count, 4),
        progress.CompletedEnterpriseIds, progress.SubmittedInspections);
}
