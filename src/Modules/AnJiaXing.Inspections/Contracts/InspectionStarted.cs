
namespace AnJiaXing.Inspections.Contracts;

/// <summary>
/// An inspection began. A registered enterprise is named by id (with name and town at that moment); an unregistered
/// one comes as <see cref="TemporaryEnterprise"/>. The checklist is pinned to the version current at start, so later
/// edits never change what this inspection checks. <see cref="By"/> is the inspector who will sign it.
/// </summary>
public sealed record InspectionStarted(
    Guid InspectionId,
    InspectionKind Kind,
    Guid? EnterpriseId,
    string EnterpriseName,
    TemporaryEnterprise? TemporaryEnterprise,
    Guid TownId,
    string TownName,
    IReadOnlyList<IndustryDomain> Domains,
    Guid? ChecklistId,
    string? ChecklistName,
    int? ChecklistVersion,
    int ChecklistItemCount,
    Guid? PlanId,
    Guid? HazardId,
    Actor By) : IInspectionEvent;
