
namespace AnJiaXing.Registry.Contracts;

/// <summary>The enterprise's basic data was replaced as a whole (PUT); the event carries the complete new data.</summary>
public sealed record EnterpriseUpdated(
    Guid EnterpriseId,
    string Name,
    string CreditCode,
    string Address,
    Guid TownId,
    string TownName,
    IReadOnlyList<IndustryDomain> Domains,
    string? Scale,
    string? LegalRepresentative,
    string? SafetyManager,
    string? ContactPhone,
    double? Latitude,
    double? Longitude,
    Actor By);
