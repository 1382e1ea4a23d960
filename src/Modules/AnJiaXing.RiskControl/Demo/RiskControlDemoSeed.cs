using System.Security.Cryptography;
using Marten;

namespace AnJiaXing.RiskControl.Demo;

/// <summary>
/// Risk points of every level for the demo enterprises with accounts (ent.demo1–3), each enterprise's four-colour map on
/// a drawn site plan, a daily and a weekly patrol task started weeks ago and their records — with days and a week left
/// out, so the scheduler (started for the seeded tasks at start-up) appends their <see cref="PatrolMissed"/>. Written
/// through the module's decisions, with backdated timestamps. <c>AnJiaXing:RiskControl:DemoSeed=false</c> leaves it out
/// (tests that count exactly what they register).
/// </summary>
public sealed class RiskControlDemoSeed(TimeProvider clock, IConfiguration configuration, IEvidenceBlobStore blobs) : IDemoSeed
{
    public int Order => 35;

    private static readonly (string Name, string Location, string Category, string Factors, string Accidents, RiskAssessment Assessment)[] Chemicals =
    [
        ("液氯储罐区", "厂区东北角储罐区", "中毒、泄漏", "液氯储存、管道阀门腐蚀", "中毒、灼伤", new(AssessmentMethod.LEC, 3, 6, 40)),
        ("甲类仓库", "厂区东侧 3 号库", "火灾、爆炸", "易燃液体储存、静电、明火", "火灾、爆炸", new(AssessmentMethod.LS, 4, S: 4)),
        ("装卸站台", "厂区南门", "车辆伤害", "槽车装卸、车辆进出频繁", "车辆伤害、泄漏", new(AssessmentMethod.LS, 3, S: 4)),
        ("配电室", "综合楼一楼", "触电", "高低压配电设备", "触电、火灾", new(AssessmentMethod.LS, 2, S: 3)),
        ("办公楼", "厂区西侧", "火灾", "电气线路、人员密集", "火灾", new(AssessmentMethod.LS, 1, S: 3))
    ];

    private static readonly (string Name, string Location, string Category, string Factors, string Accidents, RiskAssessment Assessment)[] Industry =
    [
        ("喷漆房", "二号车间北侧", "火灾、爆炸", "油漆溶剂挥发、通风不良", "火灾、爆炸、中毒", new(AssessmentMethod.LS, 5, S: 4)),
        ("冲压车间", "一号车间", "机械伤害", "冲床作业、安全装置失效", "机械伤害", new(AssessmentMethod.LEC, 3, 6, 15)),
        ("叉车作业区", "成品仓库", "车辆伤害", "叉车倒车、人车混行", "车辆伤害", new(AssessmentMethod.LS, 3, S: 3)),
        ("危废暂存间", "厂区西南角", "环境污染", "废油、废漆桶暂存", "泄漏、火灾", new(AssessmentMethod.LS, 2, S: 4)),
        ("办公楼", "厂区西侧", "火灾", "电气线路、人员密集", "火灾", new(AssessmentMethod.LS, 1, S: 2))
    ];

    private static readonly (string Name, string Location, string Category, string Factors, string Accidents, RiskAssessment Assessment)[] Construction =
    [
        ("深基坑", "1 号楼基坑", "坍塌", "基坑开挖深度超过 5 米、支护变形", "坍塌、高处坠落", new(AssessmentMethod.LS, 4, S: 5)),
        ("塔吊作业区", "2 号塔吊", "起重伤害", "塔吊回转、吊物坠落", "起重伤害、物体打击", new(AssessmentMethod.LS, 4, S: 4)),
        ("外脚手架", "3 号楼外立面", "高处坠落", "临边作业、连墙件缺失", "高处坠落", new(AssessmentMethod.LS, 3, S: 4)),
        ("临时用电", "施工现场配电箱", "触电", "临时线路、漏电保护", "触电", new(AssessmentMethod.LS, 2, S: 3)),
        ("生活区", "项目部生活区", "火灾", "宿舍用电、人员密集", "火灾", new(AssessmentMethod.LS, 1, S: 3))
    ];

    /// <summary>Where on the plan each point goes (0..1), one per block.</summary>
    private static readonly (double X, double Y)[] Spots = [(0.24, 0.25), (0.7, 0.2), (0.19, 0.75), (0.5, 0.7), (0.8, 0.72)];

    private static readonly string[] CheckItems = ["消防器材完好", "警示标识清晰", "安全防护设施有效"];

    public async Task SeedAsync(IDocumentSession session, DemoContext context, CancellationToken ct)
    {
        if (!configuration.GetValue("AnJiaXing:RiskControl:DemoSeed", true)) return;
        var now = clock.GetUtcNow();
        var accounts = await session.Query<Person>().ToListAsync(ct);
        var organisations = (await session.Query<Organisation>().ToListAsync(ct)).ToDictionary(o => o.Id);
        var users = accounts.Where(a => a.Role == Role.EnterpriseUser && a.Enabled && a.Username.StartsWith("ent.demo", StringComparison.Ordinal))
            .OrderBy(a => a.Username).ToList();
        var plan = SitePlanImage.Draw();
        var sha = Convert.ToHexStringLower(SHA256.HashData(plan));

        for (var n = 0; n < users.Count; n++)
        {
            var user = users[n];
            var enterprise = organisations[user.OrganisationId];
            if (enterprise.TownId is not { } townId || !organisations.TryGetValue(townId, out var town)) continue;
            var caller = AccountPrincipalFactory.CallerOf(user, enterprise);
            var domain = enterprise.Domains.FirstOrDefault(IndustryDomain.Other);
            var list = domain switch
            {
                IndustryDomain.HazardousChemicals => Chemicals,
                IndustryDomain.ConstructionSites => Construction,
                _ => Industry
            };

            // Risk points, registered a month ago.
            var points = new List<RiskPointRegistered>();
            foreach (var p in list)
            {
                var id = Guid.CreateVersion7();
                var registered = RiskPoint.Register(id, enterprise, town, domain, p.Name, p.Location, null, null, p.Category, p.Factors, p.Accidents,
                    ["落实岗位安全责任制，每日巡查", "设置安全警示标识和风险告知卡", "定期检测检验安全设施"],
                    "立即停止作业，疏散人员，启动应急预案并报告", "021-59120000", user, p.Assessment, caller.Actor);
                session.Events.StartStream<RiskPointView>(id, registered);
                Backdate(session, id, now.AddDays(-30).AddHours(n));
                points.Add(registered);
            }

            // The four-colour map on the drawn site plan.
            var mapId = RiskMapEndpoints.MapIdOf(enterprise.Id);
            await blobs.SaveAsync(session, sha, "image/png", plan, ct);
            var evidence = new EvidenceFile
            {
                Id = Guid.CreateVersion7(), Sha256 = sha, ContentType = "image/png", Size = plan.LongLength, FileName = "厂区平面图.png",
                UploadedBy = caller.Actor, UploadedAt = now.AddDays(-29), UsedBy = [new EvidenceUse(mapId, enterprise.Id, town.Id, domain)]
            };
            session.Insert(evidence);
            session.Events.StartStream<RiskMapView>(mapId, new RiskMapPublished(mapId, enterprise.Id, evidence.Ref,
                [.. points.Select((p, i) => new RiskMapPlacement(p.RiskPointId, Spots[i % Spots.Length].X, Spots[i % Spots.Length].Y))], caller.Actor));
            Backdate(session, mapId, now.AddDays(-29));

            // A daily task over the two riskiest points (two weeks), a weekly one over the rest (four weeks).
            var daily = Task(enterprise, town, domain, $"{enterprise.Name}重点部位日巡", points.Take(2).ToList(), PatrolFrequency.Day, now.AddDays(-14), user, caller);
            var weekly = Task(enterprise, town, domain, $"{enterprise.Name}一般部位周巡", points.Skip(2).ToList(), PatrolFrequency.Week, now.AddDays(-28), user, caller);
            foreach (var t in new[] { daily, weekly })
            {
                session.Events.StartStream<PatrolTaskView>(t.TaskId, t);
                Backdate(session, t.TaskId, t.StartsAt);
            }

            // Records: every day but a few (one of them only half done), every week but one.
            var today = PatrolCalendar.WindowStart(PatrolFrequency.Day, now);
            for (var d = 14; d >= 1; d--)
            {
                if ((d + n) % 5 == 0) continue;                       // a missed day
                var day = today.AddDays(-d);
                foreach (var (p, i) in points.Take(2).Select((p, i) => (p, i)))
                {
                    if (i == 1 && (d + n) % 7 == 0) continue;         // half done: still missed
                    Record(session, daily, p, day.AddHours(9.5 + i * 0.25), caller);
                }
            }
            var thisWeek = PatrolCalendar.WindowStart(PatrolFrequency.Week, now);
            for (var w = 4; w >= 1; w--)
            {
                if (w == 2 + n % 2) continue;                          // a missed week
                foreach (var (p, i) in points.Skip(2).Select((p, i) => (p, i)))
                    Record(session, weekly, p, thisWeek.AddDays(-7 * w + 2).AddHours(10 + i * 0.5), caller);
            }
            await session.SaveChangesAsync(ct);
        }
    }

    private static PatrolTaskConfigured Task(Organisation enterprise, Organisation town, IndustryDomain domain, string name,
        IReadOnlyList<RiskPointRegistered> points, PatrolFrequency every, DateTimeOffset startsAt, Person assignee, Caller by) =>
        new(Guid.CreateVersion7(), enterprise.Id, enterprise.Name, town.Id, domain, false, name, [.. points.Select(p => p.RiskPointId)],
            [new RiskResponsible(assignee.Id, assignee.DisplayName)], new PatrolSchedule(every), CheckItems, startsAt, by.Actor);

    private static void Record(IDocumentSession session, PatrolTaskConfigured task, RiskPointRegistered point, DateTimeOffset at, Caller by)
    {
        var id = Guid.CreateVersion7();
        session.Events.StartStream<PatrolRecordView>(id, new PatrolRecorded(id, task.TaskId, point.RiskPointId, point.Name, point.EnterpriseId,
            point.TownId, point.Domain, [.. CheckItems.Select(i => new PatrolResult(i, true, null, []))], [], at.ToUniversalTime(), by.Actor));
        Backdate(session, id, at.AddMinutes(3));
    }

    private static void Backdate(IDocumentSession session, Guid id, DateTimeOffset at)
    {
        foreach (var e in session.PendingChanges.Streams().Where(s => s.Id == id).SelectMany(s => s.Events))
            e.Timestamp = at.ToUniversalTime();
    }
}
