
namespace AnJiaXing.Registry.Contracts;

/// <summary>An enterprise joined the registry (一企一档). <paramref name="CreditCode"/> is the validated, upper-case 统一社会信用代码.</summary>
public sealed record EnterpriseRegistered(
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
