
namespace AnJiaXing.Hazards.Contracts;

/// <summary>A hazard was entered into the ledger (上账). A Major one awaits the department's confirmation.</summary>
public sealed record HazardReported(
    Guid HazardId,
    Guid EnterpriseId,
    string EnterpriseName,
    Guid TownId,
    string TownName,
    IndustryDomain Domain,
    HazardLevel Level,
    HazardCategory Category,
    string Description,
    string? Location,
    double? Latitude,
    double? Longitude,
    HazardSource Source,
    Guid? InspectionId,
    string? ChecklistItemCode,
    string? LegalBasis,
    IReadOnlyList<EvidenceRef> Evidence,
    DateTimeOffset FoundAt,
    Actor By) : IHazardEvent;
