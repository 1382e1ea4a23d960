
namespace AnJiaXing.Registry.Enterprises.Importing;

/// <summary>Turns a sheet row into a <see cref="RegisterEnterprise"/> held to the API's validator, or into the reasons it cannot be one.</summary>
public sealed class ImportRowReader(IReadOnlyDictionary<string, Organisation> townsByName)
{
    private static readonly char[] DomainSeparators = ['、', ';', '；', ',', '，', '/'];
    private static readonly RegisterEnterpriseValidator Validator = new();

    private static readonly Dictionary<string, IndustryDomain> DomainNames = BuildDomainNames();

    public (RegisterEnterprise? Command, List<string> Errors) Read(EnterpriseSheet.Row row)
    {
        var errors = new List<string>();
        var townName = row[EnterpriseSheet.Town];
        Guid townId = Guid.Empty;
        if (townName is not null)
        {
            if (townsByName.TryGetValue(townName, out var town)) townId = town.Id;
            else errors.Add(ProblemLanguage.Say($"{EnterpriseSheet.Town}：“{townName}”不是本区的镇（街道）。", $"{EnterpriseSheet.Town}: '{townName}' is not a town of the district."));
        }

        var domains = new List<IndustryDomain>();
        foreach (var part in (row[EnterpriseSheet.Domains] ?? "").Split(DomainSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (DomainNames.TryGetValue(part, out var domain)) { if (!domains.Contains(domain)) domains.Add(domain); }
            else errors.Add(ProblemLanguage.Say($"{EnterpriseSheet.Domains}：“{part}”不是行业领域（可填 危化 或 HazardousChemicals 等）。",
                $"{EnterpriseSheet.Domains}: '{part}' is not an industry domain (use e.g. 危化 or HazardousChemicals)."));
        }

        var command = new RegisterEnterprise(
            row[EnterpriseSheet.Name] ?? "", row[EnterpriseSheet.CreditCode] ?? "", row[EnterpriseSheet.Address] ?? "", townId, domains,
            row[EnterpriseSheet.Scale], row[EnterpriseSheet.LegalRepresentative], row[EnterpriseSheet.SafetyManager], row[EnterpriseSheet.ContactPhone]);

        foreach (var failure in Validator.Validate(command).Errors)
        {
            var column = ColumnOf(failure.PropertyName);
            // An unknown town or domain name was already reported in the sheet's own terms.
            if (column == EnterpriseSheet.Town && townName is not null) continue;
            if (column == EnterpriseSheet.Domains && errors.Any(e => e.StartsWith(EnterpriseSheet.Domains, StringComparison.Ordinal))) continue;
            errors.Add($"{column}: {failure.ErrorMessage}");
        }

        return errors.Count == 0 ? (command, errors) : (null, errors);
    }

    private static string ColumnOf(string property) => property switch
    {
        nameof(RegisterEnterprise.Name) => EnterpriseSheet.Name,
        nameof(RegisterEnterprise.CreditCode) => EnterpriseSheet.CreditCode,
        nameof(RegisterEnterprise.Address) => EnterpriseSheet.Address,
        nameof(RegisterEnterprise.TownId) => EnterpriseSheet.Town,
        _ when property.StartsWith(nameof(RegisterEnterprise.Domains), StringComparison.Ordinal) => EnterpriseSheet.Domains,
        nameof(RegisterEnterprise.Scale) => EnterpriseSheet.Scale,
        nameof(RegisterEnterprise.LegalRepresentative) => EnterpriseSheet.LegalRepresentative,
        nameof(RegisterEnterprise.SafetyManager) => EnterpriseSheet.SafetyManager,
        nameof(RegisterEnterprise.ContactPhone) => EnterpriseSheet.ContactPhone,
        _ => property
    };

    private static Dictionary<string, IndustryDomain> BuildDomainNames()
    {
        var names = new Dictionary<string, IndustryDomain>(StringComparer.OrdinalIgnoreCase);
        foreach (var domain in Enum.GetValues<IndustryDomain>()) names[domain.ToString()] = domain;
        foreach (var (domain, chinese) in IndustryDomains.ChineseNames) names[chinese] = domain;
        return names;
    }
}
