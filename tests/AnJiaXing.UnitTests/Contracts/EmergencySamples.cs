using static AnJiaXing.UnitTests.Contracts.EventSamples;
using static AnJiaXing.UnitTests.Hazards.HazardSamples;

namespace AnJiaXing.UnitTests.Contracts;

/// <summary>Fixed samples of the emergency and work-ledger events and answers (the catalogs in EventSamples and ReadModelSamples list them).</summary>
public static class EmergencySamples
{
    public static readonly Guid ResourceId = Guid.Parse("01930000-0000-7000-8000-000000001001");
    public static readonly Guid IncidentId = Guid.Parse("01930000-0000-7000-8000-000000001002");
    public static readonly Guid EntryId = Guid.Parse("01930000-0000-7000-8000-000000001003");

    public static readonly Guid EmergencyPlanId = Guid.Parse("01930000-0000-7000-8000-000000001004");
    public static readonly Guid DrillId = Guid.Parse("01930000-0000-7000-8000-000000001005");

    public static readonly EmergencyPlanVersion V2024 = new("2024版", Photo, new DateOnly(2024, 1, 1), new DateOnly(2027, 1, 1), null);
    public static readonly EmergencyPlanVersion V2026 = new("2026版", null, new DateOnly(2026, 6, 1), new DateOnly(2029, 6, 1), "按新应急管理条例修订");

    public static readonly EmergencyOwner Owner = new(EnterpriseId, "南翔化工有限公司", TownId, "南翔镇", [IndustryDomain.HazardousChemicals]);

    public static readonly EmergencyResourceDetails Supply = new("正压式空气呼吸器", "个体防护", "企业微型消防站", 31.2902, 121.3221, 6m, "套",
        "安全员 李强", new DateOnly(2027, 6, 30), null, null, null, "021-59120000", null, null, null, "每月检查气瓶压力");

    public static readonly WorkLedgerContent SpecialAction = new("冬季危化品安全专项行动", T0, "聚焦危化品储存、动火作业和有限空间作业。", null, [], null,
        new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31), [TownId], [IndustryDomain.HazardousChemicals], [PlanId], [InspectionId], [HazardId]);

    public static readonly WorkLedgerContent Meeting = new("南翔镇安全生产例会", T0, "通报本月隐患整改情况", "镇政府二楼会议室", ["镇长", "安全办主任"],
        "本周内完成复查", null, null, [], [], [], [], [], [Photo]);

    public static IEnumerable<object> Events() =>
    [
        new EmergencyResourceRegistered(ResourceId, EmergencyRegister.Supplies, Owner, Supply, EnterpriseUser),
        new EmergencyResourceUpdated(ResourceId, EmergencyRegister.Supplies, Supply with { Quantity = 8m }, Town),
        new IncidentReported(IncidentId, Owner, IncidentKind.Leak, T0.AddHours(-1), "罐区", 31.29, 121.32, 0, 1, "储罐阀门泄漏", EnterpriseUser, [Photo]),
        new IncidentUpdated(IncidentId, "已关闭上游阀门，伤者送医", 0, 2, EnterpriseUser, [Photo]),
        new IncidentClosed(IncidentId, "泄漏已处置，隐患已整改", Town),
        new EmergencyPlanAdopted(EmergencyPlanId, Owner, "南翔化工生产安全事故综合应急预案", EmergencyPlanKind.Comprehensive, "公司生产经营区域", V2024, EnterpriseUser),
        new EmergencyPlanRevised(EmergencyPlanId, V2026, EnterpriseUser),
        new EmergencyPlanFilingRecorded(EmergencyPlanId, PlanFilingStatus.Filed, "嘉应急备〔2026〕12号", Town),
        new DrillPlanned(DrillId, Owner, "二季度泄漏处置演练", new DateOnly(2026, 6, 15), "储罐阀门泄漏", EmergencyPlanId, ["安全员", "操作工"], EnterpriseUser),
        new DrillRecorded(DrillId, new DateOnly(2026, 6, 15), "按预案完成泄漏处置", "响应及时，通讯有延迟", ["增配对讲机"], 35, [Photo], EnterpriseUser),
        new WorkLedgerEntryRecorded(EntryId, WorkLedgerKind.SpecialAction, null, null, SpecialAction, DistrictAdmin),
        new WorkLedgerEntryRevised(EntryId, WorkLedgerKind.Meeting, Meeting, Town),
    ];

    public static IReadOnlyDictionary<string, object> Answers() => new Dictionary<string, object>
    {
        ["EmergencyResourceView"] = new EmergencyResourceView
        {
            Id = ResourceId, Version = 2, Register = EmergencyRegister.Supplies, EnterpriseId = EnterpriseId, EnterpriseName = "南翔化工有限公司",
            TownId = TownId, TownName = "南翔镇", Domains = [IndustryDomain.HazardousChemicals], Details = Supply,
            SearchText = EmergencyResourceView.SearchTextOf(Supply), RegisteredAt = T0, RegisteredBy = EnterpriseUser, UpdatedAt = T0.AddDays(1)
        },
        ["EmergencyRecordVersion"] = new EmergencyRecordVersion(ResourceId, 2),
        ["EmergencyHistoryEntry"] = new EmergencyHistoryEntry(1, "emergency_resource_registered",
            new EmergencyResourceRegistered(ResourceId, EmergencyRegister.Supplies, Owner, Supply, EnterpriseUser), T0, EnterpriseUser),
        ["IncidentView"] = new IncidentView
        {
            Id = IncidentId, Version = 3, EnterpriseId = EnterpriseId, EnterpriseName = "南翔化工有限公司", TownId = TownId, TownName = "南翔镇",
            Domains = [IndustryDomain.HazardousChemicals], Kind = IncidentKind.Leak, Status = IncidentStatus.Closed, OccurredAt = T0.AddHours(-1),
            Place = "罐区", Latitude = 31.29, Longitude = 121.32, Deaths = 0, Injuries = 2, Description = "储罐阀门泄漏", Evidence = [Photo],
            Updates = [new IncidentNote(T0.AddMinutes(30), "已关闭上游阀门，伤者送医", 0, 2, EnterpriseUser, [Photo])], ReportedAt = T0,
            ReportedBy = EnterpriseUser, Summary = "泄漏已处置，隐患已整改", ClosedAt = T0.AddHours(5), ClosedBy = Town
        },
        ["GeoJsonFeatureCollection"] = new GeoJsonFeatureCollection("FeatureCollection",
        [
            new GeoJsonFeature("Feature", ResourceId, GeoJsonPoint.At(31.2902, 121.3221),
                new EmergencyMapProperties("supplies", "正压式空气呼吸器", "个体防护", "企业微型消防站", "南翔镇", "南翔化工有限公司", "021-59120000", null)),
            new GeoJsonFeature("Feature", IncidentId, GeoJsonPoint.At(31.29, 121.32),
                new EmergencyMapProperties("incidents", "罐区", "Leak", "罐区", "南翔镇", "南翔化工有限公司", null, "Open"))
        ]),
        ["WorkLedgerEntry"] = new WorkLedgerEntry
        {
            Id = EntryId, Version = 1, Kind = WorkLedgerKind.SpecialAction, Domains = [IndustryDomain.HazardousChemicals], Content = SpecialAction,
            At = T0, SearchText = "冬季危化品安全专项行动", RecordedBy = DistrictAdmin, RecordedAt = T0, UpdatedAt = T0
        },
        ["WorkLedgerVersion"] = new WorkLedgerVersion(EntryId, 2),
        ["EmergencyPlanView"] = new EmergencyPlanView
        {
            Id = EmergencyPlanId, Version = 3, EnterpriseId = EnterpriseId, EnterpriseName = "南翔化工有限公司", TownId = TownId, TownName = "南翔镇",
            Domains = [IndustryDomain.HazardousChemicals], Title = "南翔化工生产安全事故综合应急预案", Kind = EmergencyPlanKind.Comprehensive,
            Scope = "公司生产经营区域", Versions = [V2024, V2026], ReviewDue = V2026.ReviewDue, Filing = PlanFilingStatus.Filed,
            FilingNumber = "嘉应急备〔2026〕12号", AdoptedAt = T0
        },
        ["DrillView"] = new DrillView
        {
            Id = DrillId, Version = 2, EnterpriseId = EnterpriseId, EnterpriseName = "南翔化工有限公司", TownId = TownId, TownName = "南翔镇",
            Domains = [IndustryDomain.HazardousChemicals], Title = "二季度泄漏处置演练", PlannedOn = new DateOnly(2026, 6, 15), Scenario = "储罐阀门泄漏",
            EmergencyPlanId = EmergencyPlanId, Participants = ["安全员", "操作工"], Status = DrillStatus.Completed,
            Record = new DrillRecord(new DateOnly(2026, 6, 15), "按预案完成泄漏处置", "响应及时，通讯有延迟", ["增配对讲机"], 35, [Photo], EnterpriseUser)
        },
        ["DrillCompletion"] = new DrillCompletion(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), 3, 2, 1, 0.6667),
        ["IncidentAlert"] = new IncidentAlert
        {
            Id = Guid.Parse("01930000-0000-7000-8000-000000001006"), IncidentId = IncidentId, RecipientId = TownId, RecipientName = "南翔镇",
            Kind = IncidentKind.Leak, OccurredAt = T0.AddHours(-1), Place = "罐区", TownName = "南翔镇", EnterpriseName = "南翔化工有限公司",
            Deaths = 0, Injuries = 1, ReportedBy = EnterpriseUser
        },
        ["EmergencyImportReport"] = new EmergencyImportReport(2, 1, [new EmergencyImportRejection(4, ["专业领域: 请填写专业领域。"])]),
        ["SpecialActionProgress"] = new SpecialActionProgress(EntryId, "冬季危化品安全专项行动", 1, 12, 9, 20, 15, 0.75, 0.75, 2, 3),
    };
}
