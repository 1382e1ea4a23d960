using Marten;
using Microsoft.AspNetCore.Identity;

namespace AnJiaXing.Registry.Enterprises;

/// <summary>
/// 64 demo enterprises over the twelve towns and the four key domains, with valid credit codes derived from a
/// fixed base (stable across runs), and the enterprise accounts ent.demo1–3. Hands on the enterprises as
/// organisations, the accounts, and <c>Items["enterprises"]</c> (their ids) to later seeds.
/// </summary>
public sealed class EnterpriseSeed(IPasswordHasher<Person> hasher, TimeProvider clock) : IDemoSeed
{
    public int Order => 10;

    private static readonly (IndustryDomain Domain, string Scale, string[] Names)[] Catalogue =
    [
        (IndustryDomain.HazardousChemicals, "中型",
        [
            "上海嘉翔精细化工有限公司", "上海安亭化学试剂有限公司", "上海马陆涂料有限公司", "上海徐行石油化工储运有限公司",
            "上海华亭气体有限公司", "上海外冈新材料科技有限公司", "上海江桥油品经营有限公司", "上海菊园化工贸易有限公司",
            "上海嘉定工业区溶剂有限公司", "上海真新危险品仓储有限公司", "上海新成路加油站", "上海嘉定镇液化气供应站",
            "上海南翔树脂化工有限公司", "上海安亭胶粘剂有限公司", "上海马陆油墨有限公司", "上海徐行氯碱化工有限公司"
        ]),
        (IndustryDomain.IndustryAndTrade, "小型",
        [
            "上海翔峰金属制品有限公司", "上海安驰汽车零部件有限公司", "上海马陆木业有限公司", "上海徐行铝型材有限公司",
            "上海华亭粉末冶金有限公司", "上海外冈纺织有限公司", "上海江桥食品有限公司", "上海菊园印刷有限公司",
            "上海嘉工机械制造有限公司", "上海真新家具有限公司", "上海新成五金制品有限公司", "上海嘉定镇纸制品有限公司",
            "上海南翔粮油加工有限公司", "上海安亭铸造有限公司", "上海马陆喷涂有限公司", "上海徐行粉尘防爆设备有限公司"
        ]),
        (IndustryDomain.ConstructionSites, "大型",
        [
            "安亭新镇三期住宅工程项目部", "南翔老街改造工程项目部", "马陆镇文化中心建设工程项目部", "徐行镇安置房工程项目部",
            "华亭镇污水管网工程项目部", "外冈镇中学扩建工程项目部", "江桥万达广场二期工程项目部", "菊园新区医院新建工程项目部",
            "嘉定工业区标准厂房工程项目部", "真新街道社区中心工程项目部", "新成路街道旧改工程项目部", "嘉定镇街道地下车库工程项目部",
            "南翔智地园区工程项目部", "安亭汽车城研发楼工程项目部", "马陆葡萄园道路工程项目部", "嘉定新城轨交站点工程项目部"
        ]),
        (IndustryDomain.FactoriesAndWarehouses, "中型",
        [
            "上海南翔物流仓储有限公司", "上海安亭冷链仓储有限公司", "上海马陆电商物流园有限公司", "上海徐行标准厂房租赁有限公司",
            "上海华亭农产品仓储有限公司", "上海外冈物流有限公司", "上海江桥批发市场仓储有限公司", "上海菊园厂房管理有限公司",
            "上海嘉定工业区仓储服务有限公司", "上海真新快递分拣中心有限公司", "上海新成仓储有限公司", "上海嘉定镇物资仓库有限公司",
            "上海南翔小商品仓储有限公司", "上海安亭汽配仓储有限公司", "上海马陆建材仓储有限公司", "上海徐行家电仓储有限公司"
        ])
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"];
    private static readonly string[] GivenNames = ["建国", "海燕", "志强", "丽华", "文杰", "秀英", "伟", "敏", "军", "静", "磊", "洋"];

    /// <summary>Username, display name, and the enterprise by its position (domain index, name index) in the catalogue.</summary>
    public static readonly (string Username, string DisplayName, int Domain, int Index)[] Accounts =
    [
        ("ent.demo1", "嘉翔精细化工 安全员 周强", 0, 0),
        ("ent.demo2", "翔峰金属制品 安全员 吴芳", 1, 0),
        ("ent.demo3", "安亭新镇三期项目部 安全员 郑伟", 2, 0)
    ];

    public async Task SeedAsync(IDocumentSession session, DemoContext context, CancellationToken ct)
    {
        var ids = new List<Guid>();
        var byPosition = new Dictionary<(int, int), EnterpriseRegistered>();
        var serial = 0;
        for (var d = 0; d < Catalogue.Length; d++)
        {
            var (domain, scale, names) = Catalogue[d];
            for (var i = 0; i < names.Length; i++, serial++)
            {
                var town = context.Organisations[TownFor(d, i)];
                var data = new RegisterEnterprise(
                    names[i], DemoCreditCode(serial), $"{town.Name}{DemoStreet(serial)}{100 + serial * 7 % 900}号", town.Id,
                    domain == IndustryDomain.HazardousChemicals && i % 3 == 0 ? [domain, IndustryDomain.FactoriesAndWarehouses] : [domain],
                    scale, Person(serial), Person(serial + 5), $"021-{59_000_000 + serial * 1_373 % 999_999:D8}",
                    31.35 + serial % 10 * 0.01, 121.25 + serial % 8 * 0.01);
                var registered = Enterprise.Register(Guid.CreateVersion7(), data, town, Actor.System);
                session.Events.StartStream<Enterprise>(registered.EnterpriseId, registered);
                context.Organisations[registered.Name] = OrganisationProjection.Create(registered);
                byPosition[(d, i)] = registered;
                ids.Add(registered.EnterpriseId);
            }
        }
        await session.SaveChangesAsync(ct);

        foreach (var (username, displayName, d, i) in Accounts)
        {
            var registered = byPosition[(d, i)];
            var organisation = context.Organisations[registered.Name];
            var created = await AccountRegistration.OpenAsync(session, hasher, clock, username, displayName, DemoDistrict.Password,
                Role.EnterpriseUser, organisation, Actor.System, ct);
            var enterprise = await session.LoadAsync<Enterprise>(registered.EnterpriseId, ct);
            session.Events.Append(registered.EnterpriseId, enterprise!.GrantAccount(created.AccountId, created.Username, created.DisplayName, Actor.System));
            context.Accounts[username] = new Person
            {
                Id = created.AccountId, Username = created.Username, DisplayName = created.DisplayName, Role = created.Role,
                OrganisationId = created.OrganisationId, OrganisationName = created.OrganisationName,
                OrganisationKind = created.OrganisationKind, TownId = created.TownId
            };
        }
        await session.SaveChangesAsync(ct);
        context.Items["enterprises"] = ids;
    }

    /// <summary>The first enterprise of each domain sits where the demo accounts need it; the rest spread over the towns.</summary>
    private static string TownFor(int domain, int index) => (domain, index) switch
    {
        (0, 0) or (1, 0) => "南翔镇",
        (2, 0) => "安亭镇",
        _ => DemoDistrict.Towns[(domain * 5 + index) % DemoDistrict.Towns.Length]
    };

    /// <summary>Shanghai Jiading (310114) enterprise codes with a made-up organisation code and the real check character.</summary>
    public static string DemoCreditCode(int serial) =>
        CreditCode.Complete($"91310114MA1{(104_729 + serial * 7_919) % 1_000_000:D6}");

    private static string Person(int n) => Surnames[n % Surnames.Length] + GivenNames[n * 7 % GivenNames.Length];

    private static string DemoStreet(int n) => (n % 6) switch
    {
        0 => "嘉罗公路", 1 => "沪宜公路", 2 => "曹安公路", 3 => "博园路", 4 => "叶城路", _ => "胜辛路"
    };
}
