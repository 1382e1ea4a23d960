namespace AnJiaXing.Statistics;

/// <summary>The words of the statistics operations in the OpenAPI document (see docs/modules.md, "OpenAPI texts").</summary>
internal sealed class StatisticsOperations : OperationTexts
{
    public StatisticsOperations() : base("统计与一企一档", "Statistics, the dashboard's figures, the assessment and the enterprise file")
    {
        Add("StatsOverview", "总览", "Overview", "辖区内企业、隐患、检查、风险点的总数与要点。", "Headline counts of enterprises, hazards, inspections and risk points in scope.");
        Add("StatsHazards", "隐患统计", "Hazard figures", "期间内隐患按等级、状态、领域、镇街的统计与整改率。", "Hazards of a period by level, status, domain and town, with the rectification rate.");
        Add("StatsInspections", "检查统计", "Inspection figures", "期间内检查按类型、镇街的统计。", "Inspections of a period by kind and town.");
        Add("StatsTrend", "趋势", "Trend", "按月（或日）的隐患与检查趋势。", "Hazards and inspections by month (or day).");
        Add("StatsSources", "隐患来源", "Hazard sources", "隐患按来源的统计。", "Hazards by source.");
        Add("StatsRiskPoints", "风险点统计", "Risk point figures", "风险点按等级的数量。", "Risk points by level.");
        Add("StatsUsers", "账号统计", "Account figures", "账号按角色、组织的数量与活跃情况。", "Accounts by role and organisation, and their activity.");
        Add("StatsAssessment", "考核指标", "Assessment figures", "镇街与部门的考核指标（整改率、逾期、检查覆盖率等）。", "The towns' and departments' assessment figures (rectification, overdue, inspection coverage …).");
        Add("StatsExport", "导出统计报表", "Export the figures", "期间内的统计报表（.xlsx）。", "The figures of a period as .xlsx.", answer: Answer.File(Answer.Xlsx));
        Add("GetEnterpriseFile", "一企一档", "The enterprise file", "一家企业的档案：基本信息、隐患、检查、风险点与评分。", "An enterprise's file: its record, hazards, inspections, risk points and score.");
        Add("StatsPatrols", "风险巡查完成率", "Patrol completion", "期间内已结束的巡查时段：应巡、已巡、漏巡与完成率，按辖区。",
            "Patrol windows closed in the period: required, done, missed and the completion rate, in scope.");
    }
}
