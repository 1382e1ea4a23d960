using Marten;

namespace AnJiaXing.Hazards.Demo;

/// <summary>
/// The hazards' share of the district-scale demo (<see cref="DemoScale.District"/>): ten hazards for every enterprise
/// with an account that the small demo leaves out, in every status, reported over the last twelve months. Each hazard
/// is decided step by step by the aggregate's own rules on its events folded in memory (<see cref="Hazard.Fold"/>), each
/// event dated when it stands to have happened, and the streams saved a hundred at a time: thousands of hazards in
/// seconds, where a round trip per step would take minutes.
/// </summary>
public sealed class DistrictHazardSeed(TimeProvider clock) : IDemoSeed
{
    public int Order => 31;

    public const int HazardsPerEnterprise = 10;
    private const int StreamsPerSave = 100;

    /// <summary>
    /// The statuses hazards are walked to; each enterprise takes ten in a row, starting three further on than the one
    /// before. Most end closed (a fifth of them major), about a quarter are still open, every status occurs.
    /// </summary>
    private static readonly (HazardLevel Level, HazardStatus Target)[] Plan =
    [
        (HazardLevel.General, HazardStatus.Closed), (HazardLevel.General, HazardStatus.Reported), (HazardLevel.General, HazardStatus.Closed),
        (HazardLevel.Major, HazardStatus.Closed), (HazardLevel.General, HazardStatus.Closed), (HazardLevel.General, HazardStatus.Rectifying),
        (HazardLevel.General, HazardStatus.Closed), (HazardLevel.General, HazardStatus.Withdrawn), (HazardLevel.General, HazardStatus.Closed),
        (HazardLevel.Major, HazardStatus.PendingConfirmation), (HazardLevel.General, HazardStatus.Closed), (HazardLevel.General, HazardStatus.Closed),
        (HazardLevel.General, HazardStatus.AwaitingRecheck), (HazardLevel.General, HazardStatus.Closed), (HazardLevel.Major, HazardStatus.Dismissed),
        (HazardLevel.General, HazardStatus.Closed), (HazardLevel.General, HazardStatus.Rectifying), (HazardLevel.General, HazardStatus.Closed),
        (HazardLevel.Major, HazardStatus.Confirmed), (HazardLevel.General, HazardStatus.Closed), (HazardLevel.General, HazardStatus.Closed),
        (HazardLevel.General, HazardStatus.Rechecked), (HazardLevel.Major, HazardStatus.Closed), (HazardLevel.General, HazardStatus.Closed),
        (HazardLevel.General, HazardStatus.Withdrawn), (HazardLevel.General, HazardStatus.Closed), (HazardLevel.Major, HazardStatus.ClosureRequested),
        (HazardLevel.General, HazardStatus.Closed), (HazardLevel.General, HazardStatus.Closed), (HazardLevel.General, HazardStatus.Closed)
    ];

    private static readonly Dictionary<IndustryDomain, (HazardCategory Category, string Description, string Location)[]> Findings = new()
    {
        [IndustryDomain.HazardousChemicals] =
        [
            (HazardCategory.HazardousChemicals, "危险化学品储存未分区分类，禁忌物料混存", "原料仓库"),
            (HazardCategory.HazardousChemicals, "可燃气体报警装置未正常投用", "罐区"),
            (HazardCategory.HazardousChemicals, "储罐区防火堤内积水、排水阀常开", "储罐区"),
            (HazardCategory.Fire, "动火作业未办理动火作业票", "装置区"),
            (HazardCategory.Electrical, "防爆区域使用非防爆电气设备", "灌装车间"),
            (HazardCategory.Management, "重大危险源安全包保责任未落实到人", "安全科"),
            (HazardCategory.ConfinedSpace, "有限空间作业未执行审批，未设置警示标识", "污水池")
        ],
        [IndustryDomain.IndustryAndTrade] =
        [
            (HazardCategory.Machinery, "传动部位防护罩缺失", "冲压车间"),
            (HazardCategory.Machinery, "冲床光电保护装置失效", "一号车间"),
            (HazardCategory.Electrical, "配电箱箱门缺失，带电部位裸露", "二号车间"),
            (HazardCategory.SpecialEquipment, "叉车司机无特种作业操作证", "装卸区"),
            (HazardCategory.Fire, "粉尘作业区未及时清扫，积尘较厚", "抛光车间"),
            (HazardCategory.Management, "安全培训记录不全，未建立隐患排查台账", "安全科"),
            (HazardCategory.Fire, "灭火器压力不足，已超过检验期", "仓库门口")
        ],
        [IndustryDomain.ConstructionSites] =
        [
            (HazardCategory.Construction, "脚手架连墙件缺失", "3 号楼外立面"),
            (HazardCategory.WorkAtHeight, "临边防护栏杆缺失", "三层作业面"),
            (HazardCategory.Construction, "深基坑周边堆载超限，未设置监测点", "1 号楼基坑"),
            (HazardCategory.SpecialEquipment, "塔吊限位装置失灵", "2 号塔吊"),
            (HazardCategory.Electrical, "临时用电未做到一机一闸一漏", "施工现场配电箱"),
            (HazardCategory.Fire, "生活区宿舍私拉乱接电线", "项目部生活区"),
            (HazardCategory.Management, "特种作业人员未持证上岗", "项目部")
        ],
        [IndustryDomain.FactoriesAndWarehouses] =
        [
            (HazardCategory.Fire, "安全出口被货物堵塞", "一楼东侧"),
            (HazardCategory.Fire, "消防控制室无人值守", "消防控制室"),
            (HazardCategory.Fire, "仓库内违规设置员工宿舍", "二号库"),
            (HazardCategory.Electrical, "仓库内电动叉车违规充电", "三号库"),
            (HazardCategory.Fire, "自动喷水灭火系统末端试水压力不足", "四号库"),
            (HazardCategory.Other, "货架超高堆放，未设置限高标识", "立体货架区"),
            (HazardCategory.Other, "厂区道路照明不足", "厂区道路")
        ]
    };

    public async Task SeedAsync(IDocumentSession session, DemoContext context, CancellationToken ct)
    {
        if (context.Scale != DemoScale.District) return;
        var now = clock.GetUtcNow();
        var accounts = await session.Query<Person>().ToListAsync(ct);
        var organisations = (await session.Query<Organisation>().ToListAsync(ct)).ToDictionary(o => o.Id);
        // The small demo's enterprises (ent.demo1–3) have their hazards already; every other enterprise with an account gets its ten.
        var users = accounts.Where(a => a is { Role: Role.EnterpriseUser, Enabled: true } && !a.Username.StartsWith("ent.demo", StringComparison.Ordinal))
            .GroupBy(a => a.OrganisationId).Select(g => g.OrderBy(a => a.Username, StringComparer.Ordinal).First())
            .OrderBy(a => a.Username, StringComparer.Ordinal).ToList();

        var pending = 0;
        for (var e = 0; e < users.Count; e++)
        {
            var enterprise = organisations[users[e].OrganisationId];
            if (enterprise.TownId is not { } townId || !enterprise.Enabled) continue;
            var people = new HazardDemoSeed.DemoPeople(users[e], accounts, organisations, organisations[townId], enterprise);
            var findings = Findings.GetValueOrDefault(enterprise.Domains.FirstOrDefault(IndustryDomain.Other)) ?? Findings[IndustryDomain.IndustryAndTrade];
            for (var i = 0; i < HazardsPerEnterprise; i++)
            {
                var (level, target) = Plan[(e * 3 + i) % Plan.Length];
                var spread = e * 37 + i * 101;
                // Finished hazards over the whole year, open ones in the last five months.
                var daysAgo = HazardLifecycle.IsOpen(target) ? 3 + spread % 150 : 12 + spread % 350;
                var start = now.AddDays(-daysAgo).AddHours(-(spread % 10)).AddMinutes(-(spread % 60));
                Walk(session, people, level, target, findings[(e + i) % findings.Length], start, now, spread);
                if (++pending < StreamsPerSave) continue;
                await session.SaveChangesAsync(ct);
                pending = 0;
            }
        }
        // The remainder is saved by the seeder.
    }

    /// <summary>One hazard from report to <paramref name="target"/>: each step decided on the events so far, dated days apart.</summary>
    private static void Walk(IDocumentSession session, HazardDemoSeed.DemoPeople people, HazardLevel level, HazardStatus target,
        (HazardCategory Category, string Description, string Location) finding, DateTimeOffset start, DateTimeOffset now, int spread)
    {
        var byTown = level == HazardLevel.General && spread % 4 == 3;
        var reporter = level == HazardLevel.Major ? people.Inspector ?? people.Department ?? people.Town : byTown ? people.Town : people.Enterprise;
        var source = reporter.Role switch
        {
            Role.EnterpriseUser => HazardSource.SelfInspection,
            Role.ThirdPartyInspector => HazardSource.ThirdPartyInspection,
            Role.DepartmentOfficer => HazardSource.LawEnforcement,
            _ => HazardSource.SupervisionInspection
        };
        var id = Guid.CreateVersion7();
        var at = start;
        var events = new List<object>
        {
            Hazard.Report(id, people.EnterpriseOrg, people.TownOrg, null, level, finding.Category, finding.Description, finding.Location,
                null, null, source, null, null, null, [], at.AddHours(-2), reporter)
        };
        var times = new List<DateTimeOffset> { at };
        // Some finished hazards are closed after their deadline, so the on-time closure rate is not 100%.
        var late = target == HazardStatus.Closed && spread % 5 == 4;

        void Step(Func<Hazard, IReadOnlyList<object>> decide, int days)
        {
            // Steps that would lie in the future happen instead halfway between the last one and now: still in order.
            var next = at.AddDays(days).AddHours(spread % 7).AddMinutes(1);
            at = next < now ? next : at + (now - at) / 2;
            var decided = decide(Hazard.Fold(events));
            events.AddRange(decided);
            times.AddRange(decided.Select(_ => at));
        }
        var gap = late ? 5 : 1 + spread % 3;

        Walked();
        var stream = session.Events.StartStream<HazardView>(id, events.ToArray());
        for (var i = 0; i < stream.Events.Count; i++) stream.Events[i].Timestamp = times[i];

        void Walked()
        {
            if (target == HazardStatus.Withdrawn)
            {
                Step(h => [h.Withdraw("重复录入", reporter.Actor)], 1);
                return;
            }
            if (target is HazardStatus.Reported or HazardStatus.PendingConfirmation) return;

            var department = people.Department ?? people.District;
            if (level == HazardLevel.Major)
            {
                if (target == HazardStatus.Dismissed)
                {
                    Step(h => [h.Dismiss("经核查不构成重大隐患", department.Actor)], 2);
                    return;
                }
                Step(h => [h.Confirm("经核实属重大隐患，督促落实五落实", department.Actor)], 2);
                if (target == HazardStatus.Confirmed) return;
            }

            var overdue = target == HazardStatus.Rectifying && level == HazardLevel.General && spread % 2 == 0;
            var major = level == HazardLevel.Major;
            Step(h => [h.Assign(people.EnterpriseAccount, at.AddDays(overdue ? 3 : late ? 2 : major ? 60 : 30),
                major ? "停用相关区域，制定整改方案并分步实施" : "立即整改", major ? 20_000m + spread % 8 * 10_000m : null,
                major ? "设置警戒区，专人值守，配备应急器材" : null, at, people.Enterprise.Actor)], 1);
            if (target == HazardStatus.Rectifying) return;

            if (target == HazardStatus.Rechecked && !major) Step(h => [h.DesignateRechecker(people.EnterpriseAccount, people.Enterprise.Actor)], 0);
            Step(h => [h.SubmitRectification("已按要求完成整改，附整改前后照片", [], people.Enterprise.Actor)], gap);
            if (target == HazardStatus.AwaitingRecheck) return;

            var rechecker = target == HazardStatus.Rechecked && !major ? people.Enterprise : people.Town;
            Step(h => h.Recheck(true, "复查合格", [], rechecker), gap);
            if (!major)
            {
                // Without a town supervisor the district admin rechecked: the town's closure decision is still to come.
                if (target == HazardStatus.Closed && rechecker.Role != Role.TownSupervisor)
                    Step(h => h.DecideClosure(true, "同意销案", people.Town.Actor), 1);
                return;
            }

            Step(h => [h.RequestClosure("整改完成，申请销号", people.Enterprise.Actor)], 1);
            if (target == HazardStatus.ClosureRequested) return;
            Step(h => h.DecideClosure(true, "同意销号", department.Actor), 2);
        }
    }
}
