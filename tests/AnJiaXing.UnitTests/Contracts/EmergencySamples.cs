using static AnJiaXing.UnitTests.Contracts.EventSamples;
using static AnJiaXing.UnitTests.Hazards.HazardSamples;

namespace AnJiaXing.UnitTests.Contracts;

/// <summary>Fixed samples of the emergency and work-ledger events and answers (the catalogs in EventSamples and ReadModelSamples list them).</summary>
public static class EmergencySamples
{
    public static readonly Guid ResourceId = Guid.Parse("01930000-0000-7000-8000-000000001001");
    public static readonly Guid IncidentId = Guid.Parse("01930000-0000-7000-8000-000000001002");
    public static readonly Guid EntryId = Guid.Parse("01930000-0000-7000-8000-000000001003");

    public static readonly EmergencyOwner Owner = new(EnterpriseId, "南翔化工有限公司", TownId, "南翔镇", [IndustryDomain.HazardousChemicals]);

    public static readonly EmergencyResourceDetails Supply = new("正压式空气呼吸器", "个体防护", "企业微型消防站", 31.2902, 121.3221, 6m, "套",
        "安全员 李强", new DateOnly(2027, 6, 30), null, null, null, "021-59120000", null, null, null, "每月检查气瓶压力");

    public static readonly WorkLedgerContent SpecialAction = new("冬季危化品安全专项行动", T0, "聚焦危化品储存、动火作业和有限空间作业。", null, [], null,
        new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31), [TownId], [IndustryDomain.HazardousChemicals], [PlanId], [InspectionId], [HazardId]);

    public static readonly WorkLedgerContent Meeting = new("南翔镇安全生产例会", T0, "通报本月隐患整改情况", "镇政府二楼会议室", ["镇长", "安全办主任"],
        "本周内完成复查", null, null, [], [], [], [], []);

    public static IEnumerable<object> Events() =>
    [
        new EmergencyResourceRegistered(ResourceId, EmergencyRegister.Supplies, Owner, Supply, EnterpriseUser),
        new EmergencyResourceUpdated(ResourceId, EmergencyRegister.Supplies, Supply with { Quantity = 8m }, Town),
        new IncidentReported(IncidentId, Owner, IncidentKind.Leak, T0.AddHours(-1), "罐区", 31.29, 121.32, 0, 1, "储罐阀门泄漏", EnterpriseUser),
        new IncidentUpdated(IncidentId, "已关闭上游阀门，伤者送医", 0, 2, EnterpriseUser),
        new IncidentClosed(IncidentId, "泄漏已处置，隐患已整改", Town),
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
            Place = "罐区", Latitude = 31.29, Longitude = 121.32, Deaths = 0, Injuries = 2, Description = "储罐阀门泄漏",
            Updates = [new IncidentNote(T0.AddMinutes(30), "已关闭上游阀门，伤者送医", 0, 2, EnterpriseUser)], ReportedAt = T0,
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
        ["EmergencyImportReport"] = new EmergencyImportReport(2, 1, [new EmergencyImportRejection(4, ["专业领域: 请填写专业领域。"])]),
        ["SpecialActionProgress"] = new SpecialActionProgress(EntryId, "冬季危化品安全专项行动", 1, 12, 9, 20, 15, 0.75, 0.75),
    };
}
