using static AnJiaXing.UnitTests.Contracts.EventSamples;
using static AnJiaXing.UnitTests.Hazards.HazardSamples;

namespace AnJiaXing.UnitTests.Contracts;

/// <summary>Samples of the investigations module's events and HTTP answers.</summary>
public static class InvestigationSamples
{
    public static readonly Guid InvestigationId = Guid.Parse("01930000-0000-7000-8000-000000003001");
    private const string Hash = "3b7e2c1f9a0d4e5b8c6a7f1e2d3c4b5a69788f7e6d5c4b3a29180f7e6d5c4b3a";
    private const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static IEnumerable<object> Events() =>
    [
        new InvestigationOpened(InvestigationId, EnterpriseId, null, "南翔化工有限公司", T0.AddDays(-30), T0, "罐区事故责任调查", 1042, Auditor),
        new InvestigationBundleExported(InvestigationId, 7, 12, Hash, Auditor)
    ];

    public static IReadOnlyDictionary<string, object> Answers()
    {
        var responsible = new ResponsibleParties(EnterpriseId, "南翔化工有限公司", "安全负责人 李强", TownId, "南翔镇", ["应急局"]);
        var verified = new StepLedger(Hash, Genesis, true, true, 1001, true, "verified", null);
        var reported = new InvestigationStep(1001, 1, "hazard_reported", "隐患上报", T0, EnterpriseUser, "企业主体责任", "配电箱门缺失，线路裸露", null, null, verified);
        var assigned = new InvestigationStep(1003, 2, "rectification_assigned", "下达整改", T0.AddHours(2), Town, "属地管理责任", "更换配电箱", "k-3f2a9c1d", true,
            verified with { LeafIndex = 1003, PreviousHash = Hash });
        var hazard = new HazardFinding(HazardId, "配电箱门缺失，线路裸露", IndustryDomain.HazardousChemicals, HazardLevel.General, HazardStatus.Rectifying,
            HazardSource.SelfInspection, InspectionId, T0, "企业用户 王芳", T0.AddDays(7), true, 3, 0, null, responsible, [reported, assigned]);
        var inspection = new InspectionFinding(InspectionId, InspectionKind.Routine, InspectionStatus.Submitted, "危险化学品企业安全检查表", Town, T0.AddHours(-2), T0.AddHours(-1),
            [new InspectionItemFinding("HC-01", "危险化学品专库专储，禁配物料分开存放", "储存管理", ItemResult.NonCompliant, "混存", HazardLevel.General, "《危险化学品安全管理条例》第二十四条")],
            [HazardId], responsible,
            [new InvestigationStep(990, 1, "inspection_started", "开始检查", T0.AddHours(-2), Town, "属地管理责任", null, null, null,
                new StepLedger(Hash, Genesis, true, true, null, null, "unsealed", null))]);
        return new Dictionary<string, object>
        {
            ["InvestigationReport"] = new InvestigationReport(InvestigationId, 2, "罐区事故责任调查",
                new InvestigationScope("Enterprise", EnterpriseId, "南翔化工有限公司"), T0.AddDays(-30), T0, 1042, T0.AddDays(1), Auditor,
                new InvestigationSummary(1, 1, 1, 1, 0, 0, 1, 3, 0, 3, 1, 2, 1, 0),
                new LedgerHeadStanding(7, 1042, 1042, Hash, T0.AddDays(1), "5d3c1a2b4e6f7081", true, null),
                [inspection], [hazard], [new BundleExport(7, 12, Hash, Auditor, T0.AddDays(1))],
                [new MissedPatrolFinding(Guid.Parse("01930000-0000-7000-8000-000000003101"), "储罐区每日巡查", EnterpriseId, "南翔化工有限公司", T0, T0.AddDays(1), 2, 1, 1, ["王安全"], 41)])
        };
    }
}
