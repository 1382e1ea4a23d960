using System.Text.Json;
using static AnJiaXing.UnitTests.Contracts.EventSamples;
using static AnJiaXing.UnitTests.Hazards.HazardSamples;

namespace AnJiaXing.UnitTests.Contracts;

/// <summary>
/// The catalog of HTTP answers: one fixed instance of every body an endpoint returns, keyed by the short name of its
/// type (generic envelopes by their name without arity). Bodies already pinned by an Alba snapshot of a real GET are
/// listed in <see cref="PinnedElsewhere"/> instead of being pinned twice.
/// </summary>
public static class ReadModelSamples
{
    public const string Hash1 = "3b7e2c1f9a0d4e5b8c6a7f1e2d3c4b5a69788f7e6d5c4b3a29180f7e6d5c4b3a";
    public const string Hash0 = "0000000000000000000000000000000000000000000000000000000000000000";
    public const string Hash2 = "9f2b6d0c8e4a1f3b5d7c9e0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c";

    /// <summary>Bodies whose JSON is pinned by another snapshot (file beside that test, under __snapshots__).</summary>
    public static readonly IReadOnlyDictionary<string, string> PinnedElsewhere = new Dictionary<string, string>
    {
        ["HazardView"] = "UnitTests Hazards/HazardContractSnapshotTests.the_hazard_view_keeps_its_json_shape",
        ["EnterpriseDto"] = "IntegrationTests Enterprises/when_registering_enterprises.the_enterprise_read_model_json_matches_its_snapshot",
        ["EnterpriseFileResponse"] = "IntegrationTests Enterprises/when_registering_enterprises.the_enterprise_read_model_json_matches_its_snapshot_file",
        ["ChecklistDto"] = "IntegrationTests Checklists/when_maintaining_checklists.a_checklist_reads_as_its_json_contract",
        ["InspectionRecord"] = "IntegrationTests Inspections/when_inspecting_enterprises.a_submitted_record_keeps_its_shape"
    };

    private static readonly StatisticsScope TownScope = new(StatisticsScopeKind.Town, TownId, "南翔镇", [IndustryDomain.HazardousChemicals]);
    private static readonly StatisticsPeriod November = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));

    private static StatisticsAnswer<T> Answer<T>(T figures) => new(TownScope.Describe(), November.Describe(), figures);

    private static readonly UserDto User = new(AccountId, "nanxiang.chem", "南翔化工 安全员", Role.EnterpriseUser, EnterpriseId, "南翔化工有限公司",
        OrganisationKind.Enterprise, TownId, true, T0, 3);

    private static readonly OverviewPanel Overview = new(128, 342, 57, 21, 3, 4, 12, 9, Rate.Of(9, 12), Rate.Of(10, 12));

    public static IReadOnlyDictionary<string, object> All() => Core().Concat(EmergencySamples.Answers()).Concat(NoticeSamples.Answers())
        .Concat(InvestigationSamples.Answers()).ToDictionary();

    private static IReadOnlyDictionary<string, object> Core() => new Dictionary<string, object>
    {
        // Envelopes and command answers
        ["PagedResult"] = new PagedResult<UserDto>([User], 1, 50, 1),
        ["CreatedResponse"] = new CreatedResponse(HazardId, 1),
        ["HazardCommandResult"] = new HazardCommandResult(HazardId, 3, HazardStatus.Rectifying, HazardLevel.General),
        ["InspectionCommandResult"] = new InspectionCommandResult(InspectionId, 5, InspectionStatus.Submitted, 2, ["HC-02"], [HazardId]),
        ["EnterpriseVersion"] = new EnterpriseVersion(EnterpriseId, 2),
        ["EvidenceUploaded"] = new EvidenceUploaded(Photo.Id, Photo.Sha256, "image/jpeg", 245_760),
        ["ImportReport"] = new ImportReport(3, 1, [new RejectedRow(5, ["统一社会信用代码校验位错误", "所属镇不存在"])]),

        // Hazards
        ["HistoryEntry"] = new HistoryEntry(1001, 1, "hazard_reported", Reported(HazardLevel.Major, Inspector), T0, Inspector, null,
            "01930000-corr-0001", "AnJiaXing-App/2.3 (Android 14)", "10.12.0.8", Hash1, Hash0,
            JsonSerializer.SerializeToElement(new PersonalSignature("k-3f2a9c1d", "anjiaxing-command/v1\nPOST /api/hazards", "MEUCIQDexample==").ToHeader())),

        // Identity and organisations
        ["UserDto"] = User,
        ["Me"] = new Me(Inspector.Id, "inspector.nanxiang", Inspector.Name, Role.ThirdPartyInspector, TownId, "南翔镇", OrganisationKind.Town, TownId,
            [IndustryDomain.HazardousChemicals, IndustryDomain.ConstructionSites]),
        ["IssuedToken"] = new IssuedToken("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJleGFtcGxlIn0.c2lnbmF0dXJl", T0.AddMinutes(15),
            "q1Zb3k8xW2nJ0pYtR5uV7aC9eD4fG6hI8jK0lM2nO4p", T0.AddDays(7)),
        ["SigningKeyRegistered"] = new SigningKeyRegistered("k-3f2a9c1d", PublicKey),
        ["OrganisationDto"] = new OrganisationDto(TownId, "南翔镇", OrganisationKind.Town, DistrictId, [IndustryDomain.HazardousChemicals]),

        // Checklists, knowledge, plans
        ["ChecklistVersionEntry"] = new ChecklistVersionEntry(2, "Revised", "危险化学品企业安全检查表（2026版）", 2, "按新判定标准修订", Town, T0),
        ["KnowledgeSummary"] = new KnowledgeSummary(DocumentId, "重大事故隐患判定标准解读", KnowledgeCategory.Standard, IndustryDomain.HazardousChemicals,
            "应急管理部", "……及时整改<重大事故隐患>……", 2, T0),
        ["KnowledgeDocumentDto"] = new KnowledgeDocumentDto(DocumentId, "重大事故隐患判定标准解读", KnowledgeCategory.Standard, IndustryDomain.HazardousChemicals,
            "应急管理部", "第一条 为准确判定、及时整改重大事故隐患……", false, 2, T0.AddDays(-30), T0, "区应急局管理员 陈静"),
        ["InspectionPlanDto"] = new InspectionPlanDto(PlanId, 1, "南翔镇 冬季安全生产专项检查", InspectionPlanType.SpecialAction,
            new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31), ChecklistId, "危险化学品企业安全检查表",
            [new PlannedEnterprise(EnterpriseId, "南翔化工有限公司", TownId), new PlannedEnterprise(Guid.Parse("01930000-0000-7000-8000-0000000000e2"), "嘉定冷链仓储有限公司", TownId)],
            [new PlannedInspector(Inspector.Id, Inspector.Name)], TownId, "南翔镇", T0.AddDays(-1), 1, 2, 0.5, [EnterpriseId], 1),

        // Ledger and audit
        ["DigestResponse"] = new DigestResponse(7, 1042, 96, 1042, Hash1, T0, "ECDSA P-256 SHA-256 (IEEE P1363, base64)", "ledger-2026",
            PublicKey, "MEUCIQDsignature==", StoredHeadPayload(), Hash2, [Hash0, Hash1]),
        ["DistrictHead"] = new DistrictHead(3, T0,
            [
                new NamedHead("district", 7, 1042, 1042, Hash1, "MEUCIQDsignature=="),
                new NamedHead("92823a8a-99de-5787-b6b5-cf5529ea48f2", 5, 380, 380, Hash2, "MEUCIQDtownsignature==")
            ], Hash0, "ledger-2026", PublicKey, "MEUCIQDdistrictsignature=="),
        // With town databases (ADR 0030), a whole-ledger run: the totals and first break over every database, the district's
        // digest and heads, each database's own verification in databases (one database: both null).
        ["LedgerVerification"] = new LedgerVerification(false, 140, 1422,
            new LedgerBreak(HazardId, 3, "The event's data or metadata was changed after it was appended."),
            new DigestCheck(7, 1042, Hash1, T0, "ledger-2026", true, false, "The events the digest covered are no longer the same (the recomputed root differs)."),
            new HeadsCheck(7, 0, 6, "Head 6 is not consistent with head 5: the log before it was rewritten, or heads between them were deleted."),
            131, null,
            [
                new LedgerVerification(false, 96, 1042, new LedgerBreak(HazardId, 3, "The event's data or metadata was changed after it was appended."),
                    new DigestCheck(7, 1042, Hash1, T0, "ledger-2026", true, false, "The events the digest covered are no longer the same (the recomputed root differs)."),
                    new HeadsCheck(7, 0, 6, "Head 6 is not consistent with head 5: the log before it was rewritten, or heads between them were deleted."),
                    87, "district"),
                new LedgerVerification(true, 44, 380, null, null, new HeadsCheck(5, 0, null, null), 44, "92823a8a-99de-5787-b6b5-cf5529ea48f2")
            ]),
        ["AuditEvent"] = new AuditEvent(1001, HazardId, "hazard_view", 1, "hazard_reported",
            JsonSerializer.SerializeToElement(new { hazardId = HazardId, description = "配电箱门缺失，线路裸露" }), T0, Inspector, Hash1, Hash0, null, "01930000-corr-0001"),
        ["ActorSummary"] = new ActorSummary(Inspector.Id, T0.AddDays(-30), T0,
            [new ActorActivity("inspectionsPerformed", 1, [$"/api/inspections/{InspectionId}"]), new ActorActivity("rechecks", 0, [])]),

        // Statistics: the envelope, and each panel on its own
        ["StatisticsAnswer"] = Answer(Overview),
        ["OverviewPanel"] = Overview,
        ["UsersPanel"] = new UsersPanel(342, new Dictionary<Role, int> { [Role.EnterpriseUser] = 300, [Role.TownSupervisor] = 30, [Role.ThirdPartyInspector] = 12 },
            120, Rate.Of(120, 342)),
        ["HazardsPanel"] = new HazardsPanel(57, 21, 4,
            new Dictionary<HazardLevel, int> { [HazardLevel.General] = 50, [HazardLevel.Major] = 7 },
            new Dictionary<HazardLevel, int> { [HazardLevel.General] = 18, [HazardLevel.Major] = 3 },
            new Dictionary<HazardStatus, int> { [HazardStatus.Rectifying] = 15, [HazardStatus.Closed] = 36 },
            new Dictionary<HazardStatus, double> { [HazardStatus.Rectifying] = 0.2632, [HazardStatus.Closed] = 0.6316 }),
        ["SourcesPanel"] = new SourcesPanel(57, new Dictionary<HazardSource, int> { [HazardSource.SelfInspection] = 20, [HazardSource.SupervisionInspection] = 37 }),
        ["TrendPanel"] = new TrendPanel("month", [new TrendPoint("2026-10", 20, 15, 12, 0.6), new TrendPoint("2026-11", 12, 10, 9, null)]),
        ["InspectionsPanel"] = new InspectionsPanel(40, [new MonthCount("2026-11", 40, 12)],
            new SortedDictionary<string, int> { ["Routine"] = 30, ["SpecialAction"] = 10 }, 2, 24, 18, Rate.Of(18, 24)),
        ["RiskPointsPanel"] = RiskPointsPanel.From(new RiskPointCounts(42,
            new Dictionary<RiskLevel, int> { [RiskLevel.Major] = 2, [RiskLevel.Significant] = 6, [RiskLevel.General] = 14, [RiskLevel.Low] = 20 }, 5)),

        // Risk control
        ["RiskPointView"] = AnJiaXing.UnitTests.RiskControl.RiskControlSamples.View(),
        ["RiskPointCreated"] = new RiskPointCreated(AnJiaXing.UnitTests.RiskControl.RiskControlSamples.RiskPointId, 1, RiskLevel.Major, 720),
        ["RiskPointVersion"] = new RiskPointVersion(AnJiaXing.UnitTests.RiskControl.RiskControlSamples.RiskPointId, 2, RiskLevel.General, 12),
        ["PatrolTaskView"] = AnJiaXing.UnitTests.RiskControl.RiskControlSamples.Task(),
        ["PatrolRecordView"] = AnJiaXing.UnitTests.RiskControl.RiskControlSamples.Record(),
        ["PatrolRecordCreated"] = new PatrolRecordCreated(AnJiaXing.UnitTests.RiskControl.RiskControlSamples.PatrolId, 1,
            [AnJiaXing.UnitTests.RiskControl.RiskControlSamples.PatrolHazardId]),
        ["RiskMapAnswer"] = new RiskMapAnswer(EnterpriseId, 2, Photo.Id,
            [new RiskMapMarker(AnJiaXing.UnitTests.RiskControl.RiskControlSamples.RiskPointId, "甲类仓库", 0.25, 0.4, RiskLevel.Major, "Red")], T0),
        ["RiskPointImportReport"] = new RiskPointImportReport(3, 1, [new RiskPointImportRejection(6, ["评估方法须为 LEC 或 LS。", "请填写 L。"])]),
        ["PatrolOccurrence"] = new PatrolOccurrence(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8)),
            new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.FromHours(8)), 2, 1, OccurrenceStatus.Missed),
        ["ReassessmentTodo"] = AnJiaXing.UnitTests.RiskControl.RiskControlSamples.Todo(),
        ["PatrolsPanel"] = PatrolsPanel.From(new PatrolCompletion(3, 30, 27, 3, 60, 55)),
        // Monitoring and early warning
        ["MajorHazardSourceView"] = new MajorHazardSourceView
        {
            Id = SourceId, Version = 1, EnterpriseId = EnterpriseId, EnterpriseName = "南翔化工有限公司", TownId = TownId,
            Domains = [IndustryDomain.HazardousChemicals], Name = "甲醇储罐区", Alpha = 1.5m,
            Substances = [new HazardousSubstance("液氯", 10m, 5m, 4m), new HazardousSubstance("甲醇", 250m, 500m, 1m)],
            QuantityRatioSum = 2.5m, R = 12.75m, Grade = 3, MonitoringPoints = [TankLevel], RegisteredAt = T0, RegisteredBy = EnterpriseUser
        },
        ["DeviceView"] = new DeviceView
        {
            Id = DeviceId, Version = 1, EnterpriseId = EnterpriseId, EnterpriseName = "南翔化工有限公司", TownId = TownId,
            Domains = [IndustryDomain.HazardousChemicals], Kind = DeviceKind.Sensor, Name = "1号储罐液位计", MonitoringPointCodes = [TankLevel.Code],
            KeyFingerprint = "3b7e2c1f9a0d", RegisteredAt = T0
        },
        ["DeviceVersion"] = new DeviceVersion(DeviceId, 2),
        ["DeviceRegisteredResponse"] = new DeviceRegisteredResponse(DeviceId, 1, "ajx1.01930000000070008000000000001002.q3Yy8v0bX1c2ZpO4rT6uW8xA0cE2gI4kM6oQ8sU0wY2"),
        ["TelemetryAccepted"] = new TelemetryAccepted(120, 1),
        ["PointReadings"] = new PointReadings(TankLevel.Code, "液位", "m", 1.0, 2.0, 8.0, 9.0, T0.AddHours(-1), T0, false,
            [new ReadingPoint(T0.AddMinutes(-2), 7.9), new ReadingPoint(T0.AddMinutes(-1), 8.42)],
            // An answer has readings (raw) or buckets (any other resolution); the sample carries both to pin both shapes.
            "1m", [new ReadingBucket(T0.AddMinutes(-2), 60, 7.61, 7.98, 7.8)]),
        ["MonitoringFigures"] = new MonitoringFigures(3, 1,
            new Dictionary<ThresholdLevel, int> { [ThresholdLevel.LowLow] = 0, [ThresholdLevel.Low] = 0, [ThresholdLevel.High] = 2, [ThresholdLevel.HighHigh] = 1 },
            new ExpiryFigures(12, 1, 2), new ExpiryFigures(8, 0, 1), 2, new Dictionary<int, int> { [1] = 0, [2] = 1, [3] = 1, [4] = 0 }, 30,
            new DateOnly(2026, 11, 2)),
        ["AlarmView"] = new AlarmView
        {
            Id = AlarmId, Version = 2, PointCode = TankLevel.Code, SourceId = SourceId, SourceName = "甲醇储罐区", EnterpriseId = EnterpriseId,
            EnterpriseName = "南翔化工有限公司", TownId = TownId, Domains = [IndustryDomain.HazardousChemicals], Level = ThresholdLevel.High,
            Threshold = 8.0, Value = 8.42, Unit = "m", RaisedAt = T0, DeviceId = DeviceId, Status = AlarmStatus.Acknowledged,
            AcknowledgedAt = T0.AddMinutes(3), AcknowledgedBy = EnterpriseUser, Remarks = "已安排人员现场处置"
        },
        ["EquipmentView"] = new EquipmentView
        {
            Id = Guid.Parse("01930000-0000-7000-8000-000000001004"), Version = 1, EnterpriseId = EnterpriseId, EnterpriseName = "南翔化工有限公司",
            TownId = TownId, Domains = [IndustryDomain.HazardousChemicals], Name = "可燃气体报警控制器", Kind = "气体检测报警", Code = "GD-2024-017",
            Location = "甲类仓库", InspectedOn = new DateOnly(2026, 5, 10), ExpiresOn = new DateOnly(2027, 5, 9), RemindDaysBefore = 30
        },
        ["CertificateView"] = new CertificateView
        {
            Id = Guid.Parse("01930000-0000-7000-8000-000000001005"), Version = 1, EnterpriseId = EnterpriseId, EnterpriseName = "南翔化工有限公司",
            TownId = TownId, Domains = [IndustryDomain.HazardousChemicals], HolderName = "李强", Kind = "特种作业操作证（危险化学品）",
            Number = "T310114198001011234", IssuedOn = new DateOnly(2021, 3, 1), ExpiresOn = new DateOnly(2027, 2, 28)
        },
        ["ExpiryWarning"] = new ExpiryWarning(ExpiryKind.Certificate, Guid.Parse("01930000-0000-7000-8000-000000001005"), EnterpriseId, "南翔化工有限公司",
            "特种作业操作证（危险化学品）（李强）", "T310114198001011234", new DateOnly(2026, 11, 20), -3, true),
        ["EquipmentImportReport"] = new EquipmentImportReport(2, 1, [new ImportRejection(5, ["有效期至：日期格式应为 2026-12-31"])]),
        ["AlarmVersion"] = new AlarmVersion(AlarmId, 2, AlarmStatus.Acknowledged),
        ["AssessmentFigures"] = new AssessmentFigures(Rate.Of(120, 342), Rate.Of(50, 57), Rate.Of(36, 50), Rate.Of(30, 50), Rate.Of(0, 0)),

        // The city operations platform (一网统管)
        ["CityDeliveryView"] = new CityDeliveryView(Guid.Parse("01930000-0000-7000-8000-000000002001"), HazardId, 3,
            "cn.gov.jiading.anjiaxing.hazard.rectification-assigned.v1", CityDeliveryStatus.Pending, 2, T0, T0.AddSeconds(15), T0.AddSeconds(5),
            "HTTP 503", null),
        ["CityDispatchAnswer"] = new CityDispatchAnswer("JD-2026-0001", CityDispatchStatus.Accepted, HazardId, EnterpriseId, TownId, T0),
        ["CityTriageItem"] = new CityTriageItem("JD-2026-0002", CityDispatchStatus.Rejected, TownId, null, "嘉定区某无名路 1 号", "群众举报：厂房内违规住人",
            HazardLevel.General, HazardCategory.Fire, "二号厂房", T0.AddDays(7), T0, null, null,
            new Actor(Guid.Parse("01930000-0000-7000-8000-000000002002"), "南翔镇安监 张明", Role.TownSupervisor, TownId, "南翔镇"), T0.AddHours(2),
            "经核查该地址为居民住宅，非辖区企业"),
    };

    private static string StoredHeadPayload() => StoredDigest.HeadPayload(1042, 96, 1042, Hash1, Hash2, T0);

    /// <summary>Bodies of endpoints that answer <c>IResult</c> (201s), which reflection over return types cannot see.</summary>
    public static readonly IReadOnlyList<Type> ResultBodies = [typeof(CreatedResponse), typeof(EvidenceUploaded),
        typeof(RiskPointCreated), typeof(PatrolRecordCreated), typeof(DeviceRegisteredResponse), typeof(TelemetryAccepted), typeof(CityDispatchAnswer)];
}
