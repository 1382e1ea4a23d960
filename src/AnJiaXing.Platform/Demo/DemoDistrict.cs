
namespace AnJiaXing.Platform.Demo;

/// <summary>The Jiading district as the demo knows it: towns, departments and the named demo accounts.</summary>
public static class DemoDistrict
{
    public const string Password = "Demo#2026";
    public const string DistrictName = "嘉定区";

    /// <summary>
    /// The demo district's own organisations (the district, its towns and departments) have ids derived from their
    /// names, the same in every deployment: a town can be given a database of its own by configuration before the demo
    /// seeds it (<c>AnJiaXing:Tenancy:Towns:{id}</c>, ADR 0030; <c>scripts/scale.sh</c>, the tests).
    /// </summary>
    public static Guid OrganisationId(string name) => Persistence.StableId.For("demo-organisation:" + name);

    public static readonly string[] Towns =
    [
        "嘉定镇街道", "新成路街道", "真新街道", "南翔镇", "安亭镇", "马陆镇",
        "徐行镇", "华亭镇", "外冈镇", "江桥镇", "菊园新区", "嘉定工业区"
    ];

    public static readonly (string Name, IndustryDomain[] Domains)[] Departments =
    [
        ("应急局", [IndustryDomain.HazardousChemicals, IndustryDomain.IndustryAndTrade]),
        ("建管委", [IndustryDomain.ConstructionSites]),
        ("消防支队", [IndustryDomain.FactoriesAndWarehouses, IndustryDomain.CrowdedPlaces]),
        ("水务局", [IndustryDomain.FloodAndTyphoon]),
        ("交通委", [IndustryDomain.Other]),
        ("公安嘉定分局", [IndustryDomain.CrowdedPlaces]),
        ("市场局", [IndustryDomain.IndustryAndTrade, IndustryDomain.Other])
    ];

    /// <summary>Username, display name, role, organisation name (the district, a town or a department).</summary>
    public static readonly (string Username, string DisplayName, Role Role, string Organisation)[] Accounts =
    [
        ("district.admin", "区安委办 管理员", Role.DistrictAdmin, DistrictName),
        ("dept.emergency", "应急局 王科长", Role.DepartmentOfficer, "应急局"),
        ("dept.construction", "建管委 李科长", Role.DepartmentOfficer, "建管委"),
        ("town.nanxiang", "南翔镇安监 张明", Role.TownSupervisor, "南翔镇"),
        ("town.anting", "安亭镇安监 陈磊", Role.TownSupervisor, "安亭镇"),
        ("inspector.nanxiang", "第三方检查员 刘洋", Role.ThirdPartyInspector, "南翔镇"),
        ("auditor", "审计员 赵敏", Role.Auditor, DistrictName)
    ];
}
