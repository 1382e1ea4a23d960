using AnJiaXing.UnitTests.Hazards;
using static AnJiaXing.UnitTests.Hazards.HazardSamples;

namespace AnJiaXing.UnitTests.Contracts;

/// <summary>
/// The catalog of event samples: one fixed, deterministic instance of every event type of every module, so its
/// stored JSON can be pinned. Hazard events come from <see cref="HazardSamples"/> (pinned by
/// <see cref="HazardContractSnapshotTests"/>); everything else is here. A new event type fails
/// <see cref="EventContractSnapshotTests.every_event_type_has_a_sample"/> until it gets a sample below.
/// </summary>
public static class EventSamples
{
    public static readonly Guid DistrictId = Guid.Parse("01930000-0000-7000-8000-0000000000a0");
    public static readonly Guid OtherTownId = Guid.Parse("01930000-0000-7000-8000-0000000000a2");
    public static readonly Guid AccountId = Guid.Parse("01930000-0000-7000-8000-0000000000b3");
    public static readonly Guid ChecklistId = Guid.Parse("01930000-0000-7000-8000-000000000c01");
    public static readonly Guid DocumentId = Guid.Parse("01930000-0000-7000-8000-000000000d01");
    public static readonly Guid InspectionId = Guid.Parse("01930000-0000-7000-8000-000000000e01");
    public static readonly Guid PlanId = Guid.Parse("01930000-0000-7000-8000-000000000e02");
    public static readonly Guid AuditEntryId = Guid.Parse("01930000-0000-7000-8000-000000000f01");
    public static readonly Guid SourceId = Guid.Parse("01930000-0000-7000-8000-000000001001");
    public static readonly Guid DeviceId = Guid.Parse("01930000-0000-7000-8000-000000001002");
    public static readonly Guid AlarmId = Guid.Parse("01930000-0000-7000-8000-000000001003");

    public static readonly Actor DistrictAdmin = new(Guid.Parse("01930000-0000-7000-8000-0000000000c9"), "区应急局管理员 陈静", Role.DistrictAdmin, DistrictId, "嘉定区");
    public static readonly Actor Auditor = new(Guid.Parse("01930000-0000-7000-8000-0000000000ca"), "审计员 周敏", Role.Auditor, DistrictId, "嘉定区");

    public const string CreditCode = "91310114MA1GT35K2X";
    public const string PublicKey = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEexampleexampleexampleexampleexampleexampleexampleexampleexampleexampleexampleexample==";

    public static readonly ChecklistItem Item1 = new("HC-01", "储存管理", "危险化学品专库专储，禁配物料分开存放", "《危险化学品安全管理条例》第二十四条", HazardLevel.General,
        "危险化学品未专库专储，或禁配物料混放");
    public static readonly ChecklistItem Item2 = new("HC-02", "重大危险源", "重大危险源未设置压力、温度、液位自动监测", "《化工和危险化学品生产经营单位重大生产安全事故隐患判定标准》第十条", HazardLevel.Major);

    public static readonly Actor Sensor = new(DeviceId, "监测设备 1号储罐液位计", Role.EnterpriseUser, HazardSamples.EnterpriseId, "南翔化工有限公司");
    public static readonly MonitoringPointSpec TankLevel = new("NX-T1-LT", "液位", "m", 1.0, 2.0, 8.0, 9.0, 0.2);

    public static MajorHazardSourceRegistered MajorHazardSourceRegistered() => new(SourceId, HazardSamples.EnterpriseId, "南翔化工有限公司", TownId,
        [IndustryDomain.HazardousChemicals], "甲醇储罐区", 1.5m, [new HazardousSubstance("液氯", 10m, 5m, 4m), new HazardousSubstance("甲醇", 250m, 500m, 1m)],
        2.5m, 12.75m, 3, [TankLevel], EnterpriseUser);

    public static AlarmRaised AlarmRaised() => new(AlarmId, TankLevel.Code, SourceId, "甲醇储罐区", HazardSamples.EnterpriseId, "南翔化工有限公司", TownId,
        [IndustryDomain.HazardousChemicals], ThresholdLevel.High, 8.0, 8.42, "m", T0, DeviceId, Sensor);

    public static EnterpriseRegistered EnterpriseRegistered() => new(
        EnterpriseId, "南翔化工有限公司", CreditCode, "嘉定区南翔镇沪宜公路1188号", TownId, "南翔镇",
        [IndustryDomain.HazardousChemicals, IndustryDomain.FactoriesAndWarehouses], "中型", "王建国", "李强", "021-59120000",
        31.29, 121.32, Town);

    /// <summary>One sample of every event type that is not a hazard event.</summary>
    public static IEnumerable<object> EveryNonHazardEvent() =>
    [
        // Organisations and the enterprise registry
        new OrganisationRegistered(TownId, "南翔镇", OrganisationKind.Town, DistrictId, [IndustryDomain.HazardousChemicals, IndustryDomain.CrowdedPlaces], Actor.System),
        EnterpriseRegistered(),
        new EnterpriseUpdated(EnterpriseId, "南翔精细化工有限公司", CreditCode, "嘉定区南翔镇沪宜公路1199号", OtherTownId, "安亭镇",
            [IndustryDomain.HazardousChemicals], "大型", "王建国", "赵敏", "021-59120001", null, null, Town),
        new EnterpriseDisabled(EnterpriseId, "停产整顿", Department),
        new EnterpriseEnabled(EnterpriseId, Department),
        new EnterpriseAccountGranted(EnterpriseId, AccountId, "nanxiang.chem", "南翔化工 安全员", Town),

        // Identity: accounts
        new AccountCreated(AccountId, "nanxiang.chem", "南翔化工 安全员", Role.EnterpriseUser, EnterpriseId, "南翔化工有限公司",
            OrganisationKind.Enterprise, TownId, Town),
        new AccountDisabled(AccountId, "人员离职", DistrictAdmin),
        new AccountEnabled(AccountId, DistrictAdmin),
        new AccountPasswordReset(AccountId, DistrictAdmin),
        new AccountRoleChanged(AccountId, Role.TownSupervisor, TownId, "南翔镇", OrganisationKind.Town, TownId, DistrictAdmin),
        new AccountSigningKeyRegistered(Inspector.Id, "k-3f2a9c1d", PublicKey, Inspector),
        new SignInFailed("ent.demo1", Inspector.Id, "BadCredentials", "10.20.30.40", "AnJiaXing-Mobile/2.1", 5, true, Actor.System),

        // Checklists
        new ChecklistPublished(ChecklistId, "危险化学品企业安全检查表", ChecklistKind.Custom, IndustryDomain.HazardousChemicals,
            TownId, "南翔镇", null, [Item1, Item2], Town),
        new ChecklistRevised(ChecklistId, "危险化学品企业安全检查表（2026版）", [Item1, Item2 with { Content = "重大危险源未设置自动监测报警" }], "按新判定标准修订", Town),
        new ChecklistRetired(ChecklistId, "已由行业检查表替代", Town),

        // Knowledge base
        new KnowledgeDocumentPublished(DocumentId, "重大事故隐患判定标准解读", KnowledgeCategory.Standard, IndustryDomain.HazardousChemicals,
            "应急管理部", "第一条 为准确判定、及时整改重大事故隐患……", null, DistrictAdmin),
        new KnowledgeDocumentRevised(DocumentId, "重大事故隐患判定标准解读（修订）", KnowledgeCategory.Guidance, null, null,
            "第一条 为准确判定、及时消除重大事故隐患……", DistrictAdmin),

        // Inspections and plans
        new InspectionPlanned(PlanId, "南翔镇 冬季安全生产专项检查", InspectionPlanType.SpecialAction, new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31),
            ChecklistId, "危险化学品企业安全检查表", [new PlannedEnterprise(EnterpriseId, "南翔化工有限公司", TownId)],
            [new PlannedInspector(Inspector.Id, Inspector.Name)], Town),
        new InspectionStarted(InspectionId, InspectionKind.SpecialAction, EnterpriseId, "南翔化工有限公司", null, TownId, "南翔镇",
            [IndustryDomain.HazardousChemicals], ChecklistId, "危险化学品企业安全检查表", 2, 2, PlanId, null, Inspector),
        new InspectionItemRecorded(InspectionId, Item2.Code, true, Item2.Category, Item2.Content, Item2.LegalBasis, Item2.SuggestedLevel,
            ItemResult.NonCompliant, "储罐区液位计失效", [Photo], HazardLevel.Major, HazardCategory.HazardousChemicals, Inspector),
        new InspectionSubmitted(InspectionId, EnterpriseId, PlanId, [Item2.Code], "k-3f2a9c1d", Inspector),
        new InspectionHazardRaised(InspectionId, Item2.Code, HazardId, Inspector),
        new InspectionRecheckRecorded(InspectionId, HazardId, true, Inspector),

        // Risk control: risk points, patrol tasks and patrol records
        .. AnJiaXing.UnitTests.RiskControl.RiskControlSamples.EveryEvent(),

        // Messages between modules travel through the durable inbox: their shape is a contract too
        new HazardRaisedFromFinding(InspectionId, Item2.Code, HazardId, Inspector),

        // Monitoring and early warning
        MajorHazardSourceRegistered(),
        new DeviceRegistered(DeviceId, HazardSamples.EnterpriseId, "南翔化工有限公司", TownId, [IndustryDomain.HazardousChemicals], DeviceKind.Sensor,
            "1号储罐液位计", [TankLevel.Code], null, "3b7e2c1f9a0d", EnterpriseUser),
        new DeviceKeyRevoked(DeviceId, HazardSamples.EnterpriseId, "设备更换", "3b7e2c1f9a0d", EnterpriseUser),
        AlarmRaised(),
        new EquipmentRegistered(Guid.Parse("01930000-0000-7000-8000-000000001004"), HazardSamples.EnterpriseId, "南翔化工有限公司", TownId,
            [IndustryDomain.HazardousChemicals], "可燃气体报警控制器", "气体检测报警", "GD-2024-017", "甲类仓库", new DateOnly(2026, 5, 10), new DateOnly(2027, 5, 9), 30, EnterpriseUser),
        new CertificateRegistered(Guid.Parse("01930000-0000-7000-8000-000000001005"), HazardSamples.EnterpriseId, "南翔化工有限公司", TownId,
            [IndustryDomain.HazardousChemicals], "李强", "特种作业操作证（危险化学品）", "T310114198001011234", new DateOnly(2021, 3, 1), new DateOnly(2027, 2, 28), EnterpriseUser),
        new AlarmAcknowledged(AlarmId, HazardSamples.EnterpriseId, "已安排人员现场处置", EnterpriseUser),
        new AlarmResolved(AlarmId, HazardSamples.EnterpriseId, "液位已恢复正常", Town),

        // Audit: queries into the ledger are recorded too
        new AuditQueryRecorded(AuditEntryId, "/api/audit/events", new Dictionary<string, string?> { ["actorId"] = Inspector.Id.ToString(), ["page"] = "1" },
            42, Auditor),

        // Emergency management and the work ledger
        .. EmergencySamples.Events(),

        // Notices and reminders
        .. NoticeSamples.Events(),

        // Investigations
        .. InvestigationSamples.Events()
    ];

    /// <summary>The whole catalog: every event type of every module, one sample each.</summary>
    public static IEnumerable<object> All() => HazardSamples.EveryEvent().Concat(EveryNonHazardEvent());
}
