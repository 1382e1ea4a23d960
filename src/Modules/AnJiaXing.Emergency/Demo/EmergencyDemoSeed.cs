using Marten;

namespace AnJiaXing.Emergency.Demo;

/// <summary>
/// A few entries of each register for 南翔镇, 安亭镇, the demo enterprise ent.demo1 and the district, most with coordinates
/// so the map has something to show, and one closed incident — written through the same decisions as the API.
/// </summary>
public sealed class EmergencyDemoSeed(TimeProvider clock) : IDemoSeed
{
    public int Order => 50;

    public async Task SeedAsync(IDocumentSession session, DemoContext context, CancellationToken ct)
    {
        var organisations = await session.Query<Organisation>().ToListAsync(ct);
        var nanxiang = organisations.Single(o => o is { Kind: OrganisationKind.Town, Name: "南翔镇" });
        var anting = organisations.Single(o => o is { Kind: OrganisationKind.Town, Name: "安亭镇" });
        var demo1 = (await session.Query<Person>().SingleOrDefaultAsync(p => p.Username == "ent.demo1", ct))?.OrganisationId;
        var enterprise = organisations.FirstOrDefault(o => o.Id == demo1) ?? organisations.First(o => o.Kind == OrganisationKind.Enterprise);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        var enterpriseOwner = new EmergencyOwner(enterprise.Id, enterprise.Name, nanxiang.Id, nanxiang.Name, [.. enterprise.Domains]);
        EmergencyOwner Town(Organisation t) => new(null, null, t.Id, t.Name, []);
        EmergencyResourceDetails D(string name, string? category = null, string? location = null, double? lat = null, double? lon = null) =>
            new(name, category, location, lat, lon, null, null, null, null, null, null, null, null, null, null, null, null);

        var entries = new (EmergencyRegister Register, EmergencyOwner Owner, EmergencyResourceDetails Details)[]
        {
            (EmergencyRegister.Supplies, Town(nanxiang), D("防汛沙袋", "防汛物资", "南翔镇应急物资仓库", 31.2985, 121.3198) with
                { Quantity = 2000, Unit = "只", Keeper = "南翔镇应急办 王磊", ExpiresOn = today.AddYears(2) }),
            (EmergencyRegister.Supplies, enterpriseOwner, D("正压式空气呼吸器", "个体防护", "企业微型消防站", 31.2902, 121.3221) with
                { Quantity = 6, Unit = "套", Keeper = "安全员 李强", ExpiresOn = today.AddDays(20) }),
            (EmergencyRegister.Supplies, Town(anting), D("应急照明灯", "照明器材", "安亭镇应急物资仓库", 31.2950, 121.1650) with
                { Quantity = 120, Unit = "台", Keeper = "安亭镇应急办 赵敏" }),
            (EmergencyRegister.FireStations, Town(nanxiang), D("南翔镇古猗园路微型消防站", "社区微型消防站", "古猗园路218号", 31.2960, 121.3150) with
                { Members = 8, Equipment = "消防摩托车2辆、灭火器20具、水带10盘", Phone = "021-59120119" }),
            (EmergencyRegister.FireStations, Town(anting), D("安亭镇墨玉路微型消防站", "社区微型消防站", "墨玉路88号", 31.2990, 121.1620) with
                { Members = 6, Equipment = "消防巡逻车1辆、灭火器16具", Phone = "021-59570119" }),
            (EmergencyRegister.Teams, EmergencyOwner.District, D("嘉定区危化品应急救援队", "危化品救援", "嘉定工业区", 31.3500, 121.2500) with
                { Members = 30, Leader = "队长 陈刚", Phone = "021-69990000", Speciality = "危险化学品泄漏处置" }),
            (EmergencyRegister.Teams, Town(nanxiang), D("南翔镇防汛抢险队", "防汛抢险", "南翔镇", 31.2970, 121.3180) with
                { Members = 25, Leader = "队长 周伟", Phone = "021-59121234", Speciality = "防汛排涝" }),
            (EmergencyRegister.Experts, EmergencyOwner.District, D("张建华", "危化", null) with
                { Speciality = "化工工艺安全", WorkUnit = "上海化工研究院", Phone = "13800000001" }),
            (EmergencyRegister.Experts, EmergencyOwner.District, D("刘芳", "建筑施工", null) with
                { Speciality = "建筑施工安全", WorkUnit = "同济大学", Phone = "13800000002" }),
            (EmergencyRegister.FireFacilities, Town(nanxiang), D("室外消火栓 NX-001", "室外消火栓", "沪宜公路与民主街交叉口", 31.2978, 121.3205) with
                { LastInspectedOn = today.AddMonths(-2) }),
            (EmergencyRegister.FireFacilities, enterpriseOwner, D("消防水泵房", "消防泵房", "厂区东北角", 31.2905, 121.3230) with
                { LastInspectedOn = today.AddMonths(-1) }),
        };
        foreach (var (register, owner, details) in entries)
        {
            var id = Guid.CreateVersion7();
            session.Events.StartStream<EmergencyResourceView>(id, EmergencyResources.Register(id, register, owner, details, Actor.System));
        }

        var incident = Guid.CreateVersion7();
        session.Events.StartStream<IncidentView>(incident,
            new IncidentReported(incident, enterpriseOwner, IncidentKind.Fire, clock.GetUtcNow().AddDays(-12), "原料仓库", 31.2903, 121.3225, 0, 0,
                "仓库纸箱起火，员工用灭火器扑灭，无人员伤亡。", Actor.System),
            new IncidentClosed(incident, "起火原因为电线老化，已更换线路并开展全员消防培训。", Actor.System));
    }
}
