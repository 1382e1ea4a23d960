using static AnJiaXing.UnitTests.Hazards.HazardSamples;

namespace AnJiaXing.UnitTests.RiskControl;

/// <summary>Fixed risk-control samples, so event and answer JSON can be pinned.</summary>
public static class RiskControlSamples
{
    public static readonly Guid RiskPointId = Guid.Parse("01930000-0000-7000-8000-000000001001");
    public static readonly Guid TaskId = Guid.Parse("01930000-0000-7000-8000-000000001002");
    public static readonly Guid PatrolId = Guid.Parse("01930000-0000-7000-8000-000000001003");
    public static readonly Guid PatrolHazardId = Guid.Parse("01930000-0000-7000-8000-000000001004");
    public static Actor Town => AnJiaXing.UnitTests.Hazards.HazardSamples.Town;

    public static readonly RiskResponsible Manager = new(Responsible.Id, Responsible.Name);
    public static readonly RiskAssessment Lec = new(AssessmentMethod.LEC, 3, 6, 40);

    public static RiskPointRegistered Registered() => new(
        RiskPointId, EnterpriseId, "南翔化工有限公司", TownId, "南翔镇", IndustryDomain.HazardousChemicals, false,
        "甲类仓库", "厂区东北角 3 号库", 31.29, 121.32, "火灾、爆炸", "易燃液体储存、静电、明火", "火灾、爆炸、中毒",
        ["严禁烟火，设置防爆电气", "可燃气体报警器每日点检"], "立即切断电源，启动喷淋，疏散人员并报警", "021-59120000", Manager,
        Lec, 720, RiskLevel.Major, EnterpriseUser);

    public static PatrolResult Abnormal => new("可燃气体报警器", false, "报警器故障未修复", [Photo]);

    public static IEnumerable<object> EveryEvent() =>
    [
        Registered(),
        new RiskPointReassessed(RiskPointId, new RiskAssessment(AssessmentMethod.LS, 3, S: 4), 12, RiskLevel.General, RiskLevel.Major,
            "增设自动喷淋和联锁", Town),
        new PatrolTaskConfigured(TaskId, EnterpriseId, "南翔化工有限公司", TownId, IndustryDomain.HazardousChemicals, false, "甲类仓库日巡",
            [RiskPointId], [Manager], new PatrolSchedule(PatrolFrequency.Day, 2), ["可燃气体报警器", "消防通道"], T0, EnterpriseUser),
        new PatrolRecorded(PatrolId, TaskId, RiskPointId, "甲类仓库", EnterpriseId, TownId, IndustryDomain.HazardousChemicals,
            [new PatrolResult("消防通道", true, null, []), Abnormal], [new PatrolHazard("可燃气体报警器", PatrolHazardId)], T0, Responsible),
        new RiskMapPublished(MapId, EnterpriseId, Photo, [new RiskMapPlacement(RiskPointId, 0.25, 0.4)], EnterpriseUser),
        Missed(),
        new RiskPointReassessmentRequested(RiskPointId, PatrolHazardId, "风险巡查发现异常：甲类仓库（重大风险）— 可燃气体报警器：报警器故障未修复",
            T0.AddDays(5), Manager, Actor.System)
    ];

    public static RequestRiskReassessment Reassessment() =>
        new(RiskPointId, PatrolHazardId, "风险巡查发现异常：甲类仓库（重大风险）— 可燃气体报警器：报警器故障未修复", T0.AddDays(5));

    private static readonly DateTimeOffset Dec1 = new(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8));

    public static PatrolMissed Missed() => new(TaskId, "甲类仓库日巡", EnterpriseId, "南翔化工有限公司", TownId, IndustryDomain.HazardousChemicals,
        Dec1, Dec1.AddDays(1), 2, 1, [RiskPointId], [Manager], Actor.System);

    public static PatrolWindowCloses WindowCloses() => new(TaskId, Dec1, Dec1.AddDays(1));

    public static readonly Guid MapId = Guid.Parse("01930000-0000-7000-8000-000000001005");

    private static JasperFx.Events.Event<T> At<T>(T data, long version, DateTimeOffset at) where T : notnull =>
        new(data) { Version = version, Timestamp = at };

    public static RiskPointView View()
    {
        var events = EveryEvent().ToList();
        var view = RiskPointView.Create(At((RiskPointRegistered)events[0], 1, T0));
        view.Apply(At((RiskPointReassessed)events[1], 2, T0.AddDays(3)));
        view.Apply(At(events.OfType<RiskPointReassessmentRequested>().Single(), 3, T0.AddDays(5)));
        view.Version = 3;
        return view;
    }

    public static PatrolTaskView Task()
    {
        var view = PatrolTaskView.Create(At((PatrolTaskConfigured)EveryEvent().ElementAt(2), 1, T0));
        view.Apply(Missed());
        view.Version = 2;
        return view;
    }

    public static PatrolRecordView Record()
    {
        var view = PatrolRecordView.Create(At((PatrolRecorded)EveryEvent().ElementAt(3), 1, T0.AddMinutes(2)));
        view.Version = 1;
        return view;
    }

    public static RaiseHazardFromPatrol RaiseHazard() => new(PatrolId, Abnormal.Item, PatrolHazardId, EnterpriseId, RiskPointId, "甲类仓库",
        IndustryDomain.HazardousChemicals, "风险巡查发现异常：甲类仓库（重大风险）— 可燃气体报警器：报警器故障未修复", "厂区东北角 3 号库", [Photo], T0,
        new Caller(Responsible.Id, "li.qiang", Responsible.Name, Role.EnterpriseUser, EnterpriseId, "南翔化工有限公司", OrganisationKind.Enterprise,
            TownId, EnterpriseId, [IndustryDomain.HazardousChemicals]));

    public static ReassessmentTodo Todo()
    {
        var p = View();
        return new ReassessmentTodo(p.Id, p.Name, p.EnterpriseId, p.EnterpriseName, p.TownId, p.Level, p.Colour, p.Responsible, p.PendingReassessments, p.Version);
    }
}
