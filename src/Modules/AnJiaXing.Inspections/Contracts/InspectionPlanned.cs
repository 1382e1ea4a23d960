
namespace AnJiaXing.Inspections.Contracts;

/// <summary>An inspection plan (检查计划) was drawn up: which enterprises, by whom, with which checklist, in which period.</summary>
public sealed record InspectionPlanned(
    Guid PlanId,
    string Name,
    InspectionPlanType Type,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    Guid ChecklistId,
    string ChecklistName,
    IReadOnlyList<PlannedEnterprise> Enterprises,
    IReadOnlyList<PlannedInspector> Inspectors,
    Actor By);

public sealed record PlannedEnterprise(Guid EnterpriseId, string Name, Guid TownId);

public sealed record PlannedInspector(Guid UserId, string Name);
