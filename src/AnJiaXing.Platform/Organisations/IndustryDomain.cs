namespace AnJiaXing.Platform.Organisations;

/// <summary>Industry domains (行业领域); the first four are the first-wave key domains.</summary>
public enum IndustryDomain
{
    HazardousChemicals,     // 危化
    IndustryAndTrade,       // 重点工贸
    ConstructionSites,      // 建筑工地
    FactoriesAndWarehouses, // 厂房仓库
    FloodAndTyphoon,        // 防汛防台
    CrowdedPlaces,          // 人员密集场所
    Other                   // 其他
}

public static class IndustryDomains
{
    public static readonly IReadOnlyDictionary<IndustryDomain, string> ChineseNames = new Dictionary<IndustryDomain, string>
    {
        [IndustryDomain.HazardousChemicals] = "危化",
        [IndustryDomain.IndustryAndTrade] = "重点工贸",
        [IndustryDomain.ConstructionSites] = "建筑工地",
        [IndustryDomain.FactoriesAndWarehouses] = "厂房仓库",
        [IndustryDomain.FloodAndTyphoon] = "防汛防台",
        [IndustryDomain.CrowdedPlaces] = "人员密集场所",
        [IndustryDomain.Other] = "其他"
    };
}
