
namespace AnJiaXing.Registry.Enterprises;

/// <summary>An enterprise as the registry shows it (GET and search).</summary>
public sealed record EnterpriseDto(
    Guid Id,
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
    bool Enabled,
    string? DisabledReason,
    int AccountCount,
    DateTimeOffset RegisteredAt,
    DateTimeOffset UpdatedAt,
    int Version)
{
    public static EnterpriseDto From(Enterprise e) => new(e.Id, e.Name, e.CreditCode, e.Address, e.TownId, e.TownName, e.Domains,
        e.Scale, e.LegalRepresentative, e.SafetyManager, e.ContactPhone, e.Latitude, e.Longitude, e.Enabled, e.DisabledReason,
        e.AccountCount, e.RegisteredAt, e.UpdatedAt, e.Version);
}

/// <summary>The answer to a command on an enterprise: its id and the version it is at now (also the ETag).</summary>
public sealed record EnterpriseVersion(Guid Id, long Version);
