using Marten;
using Microsoft.AspNetCore.Identity;

namespace AnJiaXing.Registry.Enterprises;

/// <summary>
/// The registry's share of the district-scale demo (<see cref="DemoScale.District"/>): a supervisor for every town
/// that has none, twenty more enterprises per town (five in each key domain), and an enterprise account for every
/// enterprise without one, so each can be assigned its rectifications. Registered through the registry's own
/// decisions, dated thirteen months back: the year of activity the later seeds write happens to a district that existed.
/// </summary>
public sealed class DistrictScaleSeed(IPasswordHasher<Person> hasher, TimeProvider clock) : IDemoSeed
{
    public int Order => 15;

    public const int EnterprisesPerTown = 20;

    /// <summary>Username stem (pinyin), short name, and centre of each town, in <see cref="DemoDistrict.Towns"/> order.</summary>
    public static readonly (string Pinyin, string Short, double Lat, double Lon)[] Towns =
    [
        ("jiadingzhen", "嘉定", 31.383, 121.250), ("xinchenglu", "新成", 31.395, 121.265), ("zhenxin", "真新", 31.245, 121.375),
        ("nanxiang", "南翔", 31.298, 121.318), ("anting", "安亭", 31.295, 121.165), ("malu", "马陆", 31.330, 121.275),
        ("xuxing", "徐行", 31.425, 121.270), ("huating", "华亭", 31.470, 121.240), ("waigang", "外冈", 31.365, 121.165),
        ("jiangqiao", "江桥", 31.255, 121.325), ("juyuan", "菊园", 31.400, 121.230), ("gongyequ", "嘉工", 31.420, 121.190)
    ];

    private static readonly (IndustryDomain Domain, string Prefix, string[] Names)[] Catalogue =
    [
        (IndustryDomain.HazardousChemicals, "上海",
            ["恒信化工有限公司", "瑞丰涂料有限公司", "宏达工业气体有限公司", "永盛油品经营有限公司", "金桥化学品仓储有限公司"]),
        (IndustryDomain.IndustryAndTrade, "上海",
            ["精工机械有限公司", "恒通五金制品有限公司", "万达塑料制品有限公司", "鑫源金属加工有限公司", "佳美食品有限公司"]),
        (IndustryDomain.ConstructionSites, "",
            ["中心花园二期工程项目部", "滨河路改建工程项目部", "社区卫生服务中心工程项目部", "产业园标准厂房工程项目部", "雨污管网改造工程项目部"]),
        (IndustryDomain.FactoriesAndWarehouses, "上海",
            ["顺达物流仓储有限公司", "恒温冷链仓储有限公司", "联合厂房租赁有限公司", "汇通电商仓储有限公司", "宏运家具仓储有限公司"])
    ];

    private static readonly string[] Scales = ["小型", "中型", "大型"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"];
    private static readonly string[] GivenNames = ["建华", "晓东", "志明", "丽娟", "文斌", "春梅", "国强", "海波", "玉兰", "子豪", "雪莲", "俊杰", "红霞"];

    public async Task SeedAsync(IDocumentSession session, DemoContext context, CancellationToken ct)
    {
        if (context.Scale != DemoScale.District) return;
        var registeredAt = clock.GetUtcNow().AddDays(-400);
        // One hash of the shared demo password for every account seeded here: hashing per account (PBKDF2) would
        // cost seconds per hundred accounts; each account still has its own credential document.
        var passwordHash = hasher.HashPassword(new Person(), DemoDistrict.Password);

        var supervised = context.Accounts.Values.Where(a => a.Role == Role.TownSupervisor).Select(a => a.TownId).ToHashSet();
        for (var t = 0; t < DemoDistrict.Towns.Length; t++)
        {
            var town = context.Organisations[DemoDistrict.Towns[t]];
            if (supervised.Contains(town.Id)) continue;
            Open($"town.{Towns[t].Pinyin}", $"{town.Name}安监 {PersonName(t * 3)}", Role.TownSupervisor, town);
        }

        var serial = context.Organisations.Values.Count(o => o.Kind == OrganisationKind.Enterprise);
        for (var t = 0; t < DemoDistrict.Towns.Length; t++)
        {
            var town = context.Organisations[DemoDistrict.Towns[t]];
            var (_, shortName, lat, lon) = Towns[t];
            for (var k = 0; k < EnterprisesPerTown; k++, serial++)
            {
                var (domain, prefix, names) = Catalogue[k % Catalogue.Length];
                var name = $"{prefix}{shortName}{names[k / Catalogue.Length]}";
                var data = new RegisterEnterprise(
                    name, EnterpriseSeed.DemoCreditCode(serial), $"{town.Name}{Street(serial)}{100 + serial * 7 % 900}号", town.Id,
                    domain == IndustryDomain.HazardousChemicals && k % 3 == 0 ? [domain, IndustryDomain.FactoriesAndWarehouses] : [domain],
                    Scales[serial % Scales.Length], PersonName(serial), PersonName(serial + 7), $"021-{59_000_000 + serial * 1_373 % 999_999:D8}",
                    Math.Round(lat + (serial % 7 - 3) * 0.004, 4), Math.Round(lon + (serial * 3 % 7 - 3) * 0.004, 4));
                var registered = Enterprise.Register(Guid.CreateVersion7(), data, town, Actor.System);
                session.Events.StartStream<Enterprise>(registered.EnterpriseId, registered);
                context.Organisations[registered.Name] = OrganisationProjection.Create(registered);
            }
        }
        DemoTime.Backdate(session, registeredAt);
        await session.SaveChangesAsync(ct);

        // Every enterprise without an account gets one (ent.<town><nn>), granted on the enterprise's stream.
        var withAccounts = context.Accounts.Values.Where(a => a.Role == Role.EnterpriseUser).Select(a => a.OrganisationId).ToHashSet();
        var enterprises = (await session.Query<Enterprise>().ToListAsync(ct))
            .Where(e => !withAccounts.Contains(e.Id))
            .OrderBy(e => Array.IndexOf(DemoDistrict.Towns, e.TownName)).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
        var perTown = new Dictionary<Guid, int>();
        foreach (var enterprise in enterprises)
        {
            var n = perTown[enterprise.TownId] = perTown.GetValueOrDefault(enterprise.TownId) + 1;
            var pinyin = Towns[Array.IndexOf(DemoDistrict.Towns, enterprise.TownName)].Pinyin;
            var created = Open($"ent.{pinyin}{n:D2}", $"{enterprise.Name} 安全员 {enterprise.SafetyManager ?? PersonName(n)}", Role.EnterpriseUser,
                context.Organisations[enterprise.Name]);
            session.Events.Append(enterprise.Id, enterprise.GrantAccount(created.AccountId, created.Username, created.DisplayName, Actor.System));
        }
        DemoTime.Backdate(session, registeredAt.AddDays(5));
        await session.SaveChangesAsync(ct);

        AccountCreated Open(string username, string displayName, Role role, Organisation organisation)
        {
            var created = AccountRegistration.Open(session, Guid.CreateVersion7(), passwordHash, registeredAt, username, displayName, role,
                organisation, Actor.System);
            context.Accounts[created.Username] = new Person
            {
                Id = created.AccountId, Username = created.Username, DisplayName = created.DisplayName, Role = created.Role,
                OrganisationId = created.OrganisationId, OrganisationName = created.OrganisationName,
                OrganisationKind = created.OrganisationKind, TownId = created.TownId
            };
            return created;
        }
    }

    private static string PersonName(int n) => Surnames[n % Surnames.Length] + GivenNames[n * 5 % GivenNames.Length];

    private static string Street(int n) => (n % 5) switch
    {
        0 => "城北路", 1 => "墨玉路", 2 => "宝安公路", 3 => "陈家山路", _ => "嘉松北路"
    };
}
