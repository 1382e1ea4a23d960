
namespace AnJiaXing.Statistics;

/// <summary>The ids of the <see cref="ScopeStatistics"/> documents a hazard or inspection counts in.</summary>
public static class StatisticsScopes
{
    public const string District = "district";
    public static string Town(Guid townId) => $"town:{townId}";
    public static string Domain(IndustryDomain domain) => $"domain:{domain}";
    public static string Enterprise(Guid enterpriseId) => $"enterprise:{enterpriseId}";

    public static IEnumerable<string> Of(HazardFacts f) =>
        [District, Town(f.TownId), Domain(f.Domain), Enterprise(f.EnterpriseId)];

    public static IEnumerable<string> Of(InspectionFacts f)
    {
        yield return District;
        yield return Town(f.TownId);
        foreach (var d in f.Domains.Distinct()) yield return Domain(d);
        if (f.EnterpriseId is { } e) yield return Enterprise(e);
    }
}
