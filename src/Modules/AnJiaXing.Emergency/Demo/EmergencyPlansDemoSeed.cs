using JasperFx.Events;
using Marten;

namespace AnJiaXing.Emergency.Demo;

/// <summary>
/// The demo district's emergency plans (南翔镇's in its second version and due for review within three weeks, an
/// enterprise's special plan, the district's), two drills (one held and recorded, one still to come) and an open
/// incident with news — each event decided by the same aggregate methods the API calls. Kept apart from
/// <see cref="EmergencyDemoSeed"/> (the registers and the map) so either can grow without touching the other.
/// </summary>
public sealed class EmergencyPlansDemoSeed(TimeProvider clock) : IDemoSeed
{
    public int Order => 51;

    public async Task SeedAsync(IDocumentSession session, DemoContext context, CancellationToken ct)
    {
        var organisations = await session.Query<Organisation>().ToListAsync(ct);
        var nanxiang = organisations.SingleOrDefault(o => o is { Kind: OrganisationKind.Town, Name: "南翔镇" });
        if (nanxiang is null) return;
        var people = await session.Query<Person>().Where(p => p.Username == "ent.demo1" || p.Username == "ent.demo2").ToListAsync(ct);
        Organisation? EnterpriseOf(string username) =>
            people.FirstOrDefault(p => p.Username == username) is { } p ? organisations.FirstOrDefault(o => o.Id == p.OrganisationId) : null;
        var chemicals = EnterpriseOf("ent.demo1");
        var metalworks = EnterpriseOf("ent.demo2");
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        EmergencyOwner Owner(Organisation enterprise) =>
            new(enterprise.Id, enterprise.Name, nanxiang.Id, nanxiang.Name, [.. enterprise.Domains]);
        var town = new EmergencyOwner(null, null, nanxiang.Id, nanxiang.Name, []);

        // 南翔镇's comprehensive plan: the 2023 version, revised this year; the new one is due for review in 20 days.
        var townPlan = Guid.CreateVersion7();
        var adopted = new EmergencyPlanAdopted(townPlan, town, "南翔镇生产安全事故综合应急预案", EmergencyPlanKind.Comprehensive,
            "南翔镇行政区域内生产经营单位发生的生产安全事故", new EmergencyPlanVersion("2023版", null, today.AddYears(-3), today.AddYears(-1), null),
            Actor.System);
        var plan = EmergencyPlanView.Create(new Event<EmergencyPlanAdopted>(adopted) { Timestamp = now.AddYears(-3) });
        var revised = plan.Revise(new EmergencyPlanVersion("2025修订版", null, today.AddMonths(-11), today.AddDays(20),
            "按《生产安全事故应急条例》调整响应分级，补充有限空间作业事故处置流程"), Actor.System);
        session.Events.StartStream<EmergencyPlanView>(townPlan, adopted, revised,
            new EmergencyPlanFilingRecorded(townPlan, PlanFilingStatus.Filed, "嘉应急备〔2025〕031号", Actor.System));

        Guid? enterprisePlan = null;
        if (chemicals is not null)
        {
            enterprisePlan = Guid.CreateVersion7();
            session.Events.StartStream<EmergencyPlanView>(enterprisePlan.Value,
                new EmergencyPlanAdopted(enterprisePlan.Value, Owner(chemicals), "危险化学品泄漏专项应急预案", EmergencyPlanKind.Special,
                    "罐区、装卸区及仓库危险化学品泄漏、火灾事故", new EmergencyPlanVersion("V1.0", null, today.AddMonths(-14), today.AddMonths(22), null),
                    Actor.System),
                new EmergencyPlanFilingRecorded(enterprisePlan.Value, PlanFilingStatus.Submitted, null, Actor.System));
        }

        var districtPlan = Guid.CreateVersion7();
        session.Events.StartStream<EmergencyPlanView>(districtPlan,
            new EmergencyPlanAdopted(districtPlan, EmergencyOwner.District, "嘉定区危险化学品事故应急预案", EmergencyPlanKind.Special,
                "嘉定区行政区域内危险化学品生产、储存、运输环节的事故", new EmergencyPlanVersion("2024版", null, today.AddMonths(-20), today.AddMonths(16), null),
                Actor.System),
            new EmergencyPlanFilingRecorded(districtPlan, PlanFilingStatus.Filed, "沪应急备〔2024〕118号", Actor.System));

        // Two drills: the enterprise's leak drill ten days ago, held and recorded; the town's flood drill still to come.
        if (chemicals is not null)
        {
            var held = Guid.CreateVersion7();
            var planned = new DrillPlanned(held, Owner(chemicals), "罐区甲苯泄漏处置演练", today.AddDays(-10), "罐区输送管道法兰泄漏，现场人员处置并疏散",
                enterprisePlan, ["安全员 周强", "罐区班组", "企业微型消防站"], Actor.System);
            var drill = DrillView.Create(new Event<DrillPlanned>(planned));
            session.Events.StartStream<DrillView>(held, planned, drill.RecordHeld(new RecordDrill(today.AddDays(-10),
                "发现泄漏后3分钟内关闭上游阀门，启用围堰和吸附棉，疏散无关人员。", "响应及时，处置规范；对讲机信号在罐区东侧不稳定。",
                ["罐区东侧增设中继台", "每季度复训吸附棉使用"], 18), [], Actor.System));
        }
        var pending = Guid.CreateVersion7();
        session.Events.StartStream<DrillView>(pending, new DrillPlanned(pending, town, "南翔镇汛期防汛抢险演练", today.AddDays(15),
            "强降雨致低洼地区积水，抢险队转移群众并排涝", townPlan, ["南翔镇防汛抢险队", "镇应急办", "各村居"], Actor.System));

        // An open incident with news: reported to the district and the town at once, as the API does.
        if (metalworks is not null)
        {
            var incidentId = Guid.CreateVersion7();
            var reported = new IncidentReported(incidentId, Owner(metalworks), IncidentKind.MechanicalInjury, now.AddHours(-5), "冲压车间二号线",
                31.2921, 121.3189, 0, 1, "一名操作工右手被冲床夹伤，已送嘉定区中心医院。", Actor.System);
            var incident = IncidentView.Create(new Event<IncidentReported>(reported) { Timestamp = now.AddHours(-5) });
            session.Events.StartStream<IncidentView>(incidentId, reported,
                incident.Update("伤者手指骨折，无生命危险；冲床已停用，双手按钮装置送检。", 0, 1, [], Actor.System));
            await IncidentAlert.RaiseAsync(session, reported, ct);
        }
    }
}
