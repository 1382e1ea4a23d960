
namespace AnJiaXing.Registry.Contracts;

/// <summary>
/// The enterprise file (一企一档), one document per enterprise kept by <see cref="EnterpriseFileProjection"/>.
/// Sections are added by the features that own their data (hazard statistics, risk points …); the registry
/// keeps <see cref="Basic"/>.
/// </summary>
public sealed class EnterpriseFile
{
    public Guid Id { get; set; }
    public EnterpriseBasics Basic { get; set; } = new();
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>基本信息: the enterprise's registered data.</summary>
public sealed class EnterpriseBasics
{
    public string Name { get; set; } = "";
    public string CreditCode { get; set; } = "";
    public string Address { get; set; } = "";
    public Guid TownId { get; set; }
    public string TownName { get; set; } = "";
    public List<IndustryDomain> Domains { get; set; } = [];
    public string? Scale { get; set; }
    public string? LegalRepresentative { get; set; }
    public string? SafetyManager { get; set; }
    public string? ContactPhone { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public bool Enabled { get; set; } = true;
    public int AccountCount { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
}
