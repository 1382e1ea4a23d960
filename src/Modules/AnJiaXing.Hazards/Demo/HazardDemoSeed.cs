using Marten;

namespace AnJiaXing.Hazards.Demo;

/// <summary>
/// Hazards in every status for the demo enterprises that have accounts (ent.demo1–3), spread over the last twelve
/// months, written step by step through the same rules as the API (backdated event timestamps), so history,
/// enterprise files and dashboards have something real to show.
/// </summary>
public sealed class HazardDemoSeed(TimeProvider clock) : IDemoSeed
{
    public int Order => 30;

    internal static readonly (HazardCategory Category, string Description, string Location)[] Findings =
    [
        (HazardCategory.Electrical, "配电箱箱门缺失，带电部位裸露", "二号车间"),
        (HazardCategory.Fire, "灭火器压力不足，已超过检验期", "仓库门口"),
        (HazardCategory.Fire, "安全出口被货物堵塞", "一楼东侧"),
        (HazardCategory.HazardousChemicals, "危险化学品储存未分区分类，禁忌物料混存", "原料仓库"),
        (HazardCategory.ConfinedSpace, "有限空间作业未执行审批，未设置警示标识", "污水池"),
        (HazardCategory.WorkAtHeight, "临边防护栏杆缺失", "三层作业面"),
        (HazardCategory.SpecialEquipment, "叉车司机无特种作业操作证", "装卸区"),
        (HazardCategory.Machinery, "传动部位防护罩缺失", "冲压车间"),
        (HazardCategory.Management, "安全培训记录不全，未建立隐患排查台账", "安全科"),
        (HazardCategory.Fire, "消防控制室无人值守", "消防控制室"),
        (HazardCategory.Electrical, "私拉乱接电线，使用大功率电器", "宿舍区"),
        (HazardCategory.Construction, "脚手架连墙件缺失", "施工现场"),
        (HazardCategory.HazardousChemicals, "可燃气体报警装置未正常投用", "罐区"),
        (HazardCategory.Other, "厂区道路照明不足", "厂区道路")
    ];

    /// <summary>The status each demo hazard is walked to, in turn; major ones go through the department.</summary>
    private static readonly (HazardLevel Level, HazardStatus Target)[] Plan =
    [
        (HazardLevel.General, HazardStatus.Closed), (HazardLevel.General, HazardStatus.Reported),
        (HazardLevel.General, HazardStatus.Rectifying), (HazardLevel.General, HazardStatus.AwaitingRecheck),
        (HazardLevel.General, HazardStatus.Rechecked), (HazardLevel.General, HazardStatus.Withdrawn),
        (HazardLevel.Major, HazardStatus.PendingConfirmation), (HazardLevel.Major, HazardStatus.Confirmed),
        (HazardLevel.Major, HazardStatus.Rectifying), (HazardLevel.Major, HazardStatus.ClosureRequested),
        (HazardLevel.Major, HazardStatus.Closed), (HazardLevel.Major, HazardStatus.Dismissed),
        (HazardLevel.General, HazardStatus.Closed), (HazardLevel.General, HazardStatus.Closed)
    ];

    public async Task SeedAsync(IDocumentSession session, DemoContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var accounts = await session.Query<Person>().ToListAsync(ct);
        var organisations = (await session.Query<Organisation>().ToListAsync(ct)).ToDictionary(o => o.Id);
        var enterpriseUsers = accounts.Where(a => a.Role == Role.EnterpriseUser && a.Username.StartsWith("ent.demo", StringComparison.Ordinal))
            .OrderBy(a => a.Username).ToList();

        var n = 0;
        foreach (var user in enterpriseUsers)
        {
            var enterprise = organisations[user.OrganisationId];
            var town = organisations[enterprise.TownId!.Value];
            var people = new DemoPeople(user, accounts, organisations, town, enterprise);
            for (var i = 0; i < Plan.Length; i++, n++)
            {
                var (level, target) = Plan[i];
                var finding = Findings[(i + n) % Findings.Length];
                // Spread over the last twelve months, the open ones more recent.
                var start = now.AddDays(-(HazardLifecycle.IsOpen(target) ? 5 + (i * 7) % 60 : 20 + (n * 23) % 330)).AddHours(-(n % 9));
                await WalkAsync(session, people, level, target, finding, start, now, ct);
            }
        }
    }

    private static async Task WalkAsync(IDocumentSession session, DemoPeople people, HazardLevel level, HazardStatus target,
        (HazardCategory Category, string Description, string Location) finding, DateTimeOffset start, DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var at = start;
        var reporter = level == HazardLevel.Major ? people.Inspector ?? people.Department ?? people.Town : people.Enterprise;
        if (reporter is null) return;
        var source = reporter.Role switch
        {
            Role.EnterpriseUser => HazardSource.SelfInspection,
            Role.ThirdPartyInspector => HazardSource.ThirdPartyInspection,
            Role.DepartmentOfficer => HazardSource.LawEnforcement,
            _ => HazardSource.SupervisionInspection
        };
        var reported = Hazard.Report(id, people.EnterpriseOrg, people.TownOrg, null, level, finding.Category, finding.Description,
            finding.Location, null, null, source, null, null, null, [], at.AddHours(-2), reporter);
        session.Events.StartStream<HazardView>(id, reported);
        DemoTime.Backdate(session, at);
        await session.SaveChangesAsync(ct);

        async Task Step(Func<Hazard, IReadOnlyList<object>> decide)
        {
            at = at.AddDays(1 + (at.Minute % 3));
            if (at > now) at = now.AddMinutes(-1);
            var stream = await session.Events.FetchForWriting<Hazard>(id, ct);
            stream.AppendMany(decide(stream.Aggregate!));
            DemoTime.Backdate(session, at);
            await session.SaveChangesAsync(ct);
        }

        if (target == HazardStatus.Withdrawn)
        {
            await Step(h => [h.Withdraw("重复录入", reporter.Actor)]);
            return;
        }
        if (target is HazardStatus.Reported or HazardStatus.PendingConfirmation) return;

        var department = people.Department ?? people.District;
        if (level == HazardLevel.Major)
        {
            if (target == HazardStatus.Dismissed)
            {
                await Step(h => [h.Dismiss("经核查不构成重大隐患", department.Actor)]);
                return;
            }
            await Step(h => [h.Confirm("经核实属重大隐患，督促落实五落实", department.Actor)]);
            if (target == HazardStatus.Confirmed) return;
        }

        var overdue = target == HazardStatus.Rectifying && level == HazardLevel.General;
        await Step(h => [h.Assign(people.EnterpriseAccount, overdue ? at.AddDays(3) : at.AddDays(30),
            level == HazardLevel.Major ? "停用相关区域，制定整改方案并分步实施" : "立即整改", level == HazardLevel.Major ? 50000m : null,
            level == HazardLevel.Major ? "设置警戒区，专人值守，配备应急器材" : null, at, people.Enterprise.Actor)]);
        if (target == HazardStatus.Rectifying) return;

        if (target == HazardStatus.Rechecked && level == HazardLevel.General)
            await Step(h => [h.DesignateRechecker(people.EnterpriseAccount, people.Enterprise.Actor)]);
        await Step(h => [h.SubmitRectification("已按要求完成整改，附整改前后照片", [], people.Enterprise.Actor)]);
        if (target == HazardStatus.AwaitingRecheck) return;

        var rechecker = target == HazardStatus.Rechecked && level == HazardLevel.General ? people.Enterprise : people.Town;
        await Step(h => h.Recheck(true, "复查合格", [], rechecker));
        if (level == HazardLevel.General)
        {
            if (target == HazardStatus.Closed && rechecker != people.Town)
                await Step(h => h.DecideClosure(true, "同意销案", people.Town.Actor));
            return;
        }

        await Step(h => [h.RequestClosure("整改完成，申请销号", people.Enterprise.Actor)]);
        if (target == HazardStatus.ClosureRequested) return;
        await Step(h => h.DecideClosure(true, "同意销号", department.Actor));
    }

    /// <summary>Who acts for one demo enterprise: its user, its town's staff, the department of its domain.</summary>
    internal sealed class DemoPeople
    {
        public DemoPeople(Person enterpriseUser, IReadOnlyList<Person> accounts, Dictionary<Guid, Organisation> orgs, Organisation town, Organisation enterprise)
        {
            Caller CallerOf(Person a) => AccountPrincipalFactory.CallerOf(a, orgs[a.OrganisationId]);
            EnterpriseAccount = enterpriseUser;
            EnterpriseOrg = enterprise;
            TownOrg = town;
            Enterprise = CallerOf(enterpriseUser);
            Town = accounts.Where(a => a.Role == Role.TownSupervisor && a.TownId == town.Id).Select(CallerOf).FirstOrDefault()
                   ?? CallerOf(accounts.First(a => a.Role == Role.DistrictAdmin));
            Inspector = accounts.Where(a => a.Role == Role.ThirdPartyInspector && a.TownId == town.Id).Select(CallerOf).FirstOrDefault();
            Department = accounts.Where(a => a.Role == Role.DepartmentOfficer && orgs[a.OrganisationId].Domains.Intersect(enterprise.Domains).Any())
                .Select(CallerOf).FirstOrDefault();
            District = CallerOf(accounts.First(a => a.Role == Role.DistrictAdmin));
        }

        public Person EnterpriseAccount { get; }
        public Organisation EnterpriseOrg { get; }
        public Organisation TownOrg { get; }
        public Caller Enterprise { get; }
        public Caller Town { get; }
        public Caller? Inspector { get; }
        public Caller? Department { get; }
        public Caller District { get; }
    }
}
