using System.Security.Claims;
using Marten;
using MiniExcel = MiniExcelLibs.MiniExcel;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Statistics;

/// <summary>
/// <c>GET /api/stats/export?month=2026-11</c> (or <c>from</c>/<c>to</c>, <c>townId</c>): the statistics tables of the
/// caller's scope as one .xlsx workbook for the monthly report, Chinese headers, one sheet per table.
/// </summary>
public static class ExportStatisticsEndpoint
{
    public const string ContentType = Spreadsheets.XlsxContentType;

    [Authorize]
    [WolverineGet("/api/stats/export", OperationId = "StatsExport")]
    public static async Task<IResult> Get(ClaimsPrincipal user, IQuerySession session, TimeProvider clock,
        Guid? townId, string? from, string? to, string? month, CancellationToken ct)
    {
        var live = await StatisticsReport.LoadAsync(user, townId, from, to, month, session, clock, ct);
        // A month that has ended is reported as it stood at its end, so November's report reads the same in January.
        var r = await live.AsOfEndAsync(ct);
        var sheets = await WorkbookAsync(r, ct);
        var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, sheets, cancellationToken: ct);
        return Results.File(stream.ToArray(), ContentType, $"anjiaxing-stats-{r.Period.FromKey}-{r.Period.ToKey}.xlsx");
    }

    public static async Task<Dictionary<string, object>> WorkbookAsync(StatisticsReport r, CancellationToken ct)
    {
        var overview = await r.OverviewAsync(ct);
        var users = await r.UsersAsync(ct);
        var hazards = await r.HazardsAsync(ct);
        var assessment = await r.AssessmentAsync(ct);
        var trend = r.Trend("day");
        var inspections = r.Inspections();

        // Every row has the same columns (MiniExcel takes the header from the first); a rate shows as a percentage
        // with its parts beside it, so a reader can check it.
        static Dictionary<string, object?> Row(string name, object? value) => new() { ["指标"] = name, ["数值"] = value, ["分子"] = null, ["分母"] = null };
        static Dictionary<string, object?> RateRow(string name, Rate rate) =>
            new() { ["指标"] = name, ["数值"] = Percent(rate.Value), ["分子"] = rate.Numerator, ["分母"] = rate.Denominator };
        var standing = StatisticsCalendar.StartOf(r.Period.To.AddDays(1)) == r.Now
            ? $"截至 {r.Period.ToKey} 24:00（北京时间）"
            : $"截至 {r.Now.ToOffset(StatisticsCalendar.Offset):yyyy-MM-dd HH:mm}（北京时间，导出时）";

        return new Dictionary<string, object>
        {
            ["监管概况"] = new[]
            {
                Row("统计范围", r.Scope.Name), Row("统计期间", $"{r.Period.FromKey} 至 {r.Period.ToKey}"), Row("数据状态", standing),
                Row("企业数", overview.Enterprises), Row("用户数", overview.Users), Row("隐患总数", overview.Hazards),
                Row("未销案隐患", overview.OpenHazards), Row("未销案重大隐患", overview.OpenMajorHazards),
                Row("逾期隐患", overview.OverdueHazards), Row("本期上报", overview.ReportedInPeriod),
                Row("本期销案", overview.ClosedInPeriod), RateRow("累计销案率", overview.ClosureRate),
                RateRow("累计整改率", overview.RectificationRate)
            },
            ["考核指标"] = new[]
            {
                RateRow("用户活跃度", assessment.UserActivity), RateRow("信息准确率", assessment.InformationAccuracy),
                RateRow("隐患销案率", assessment.ClosureRate), RateRow("按期销案率", assessment.OnTimeClosureRate),
                RateRow("整改率", assessment.RectificationRate)
            },
            ["用户统计"] = users.ByRole.Select(kv => new Dictionary<string, object?> { ["角色"] = StatisticsLabels.Role(kv.Key), ["启用账号数"] = kv.Value })
                .Append(new Dictionary<string, object?> { ["角色"] = "本期活跃", ["启用账号数"] = users.ActiveInPeriod }).ToList(),
            ["隐患状态"] = hazards.ByStatus.Select(kv => new Dictionary<string, object?>
                { ["状态"] = StatisticsLabels.Status(kv.Key), ["数量"] = kv.Value, ["占比"] = Percent(hazards.Total == 0 ? null : hazards.StatusShares[kv.Key]) }).ToList(),
            ["隐患来源"] = r.Sources().BySource.Select(kv => new Dictionary<string, object?> { ["来源"] = StatisticsLabels.Source(kv.Key), ["数量"] = kv.Value }).ToList(),
            ["整改趋势"] = trend.Points.Select(p => new Dictionary<string, object?>
                { ["日期"] = p.Period, ["上报"] = p.Reported, ["整改"] = p.Rectified, ["销案"] = p.Closed }).ToList(),
            ["检查统计"] = inspections.ByMonth.Select(m => new Dictionary<string, object?>
                { ["月份"] = m.Month, ["检查次数"] = m.Inspections, ["发现隐患"] = m.HazardsRaised }).ToList()
        };
    }
    /// <summary>A share as a percentage with one decimal (<c>28.6%</c>); a dash when nothing was counted.</summary>
    public static string Percent(double? share) =>
        share is { } v ? (v * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";
}


/// <summary>Chinese labels of the statistics tables (the dashboard has its own copy in its script).</summary>
public static class StatisticsLabels
{
    public static string Role(Role role) => role switch
    {
        Platform.Security.Role.EnterpriseUser => "企业用户",
        Platform.Security.Role.TownSupervisor => "街镇监管人员",
        Platform.Security.Role.ThirdPartyInspector => "第三方检查人员",
        Platform.Security.Role.DepartmentOfficer => "职能部门",
        Platform.Security.Role.DistrictAdmin => "区级管理员",
        _ => "审计人员"
    };

    public static string Status(HazardStatus s) => s switch
    {
        HazardStatus.Reported => "已上报",
        HazardStatus.PendingConfirmation => "待确认",
        HazardStatus.Confirmed => "已确认",
        HazardStatus.Rectifying => "整改中",
        HazardStatus.AwaitingRecheck => "待复查",
        HazardStatus.Rechecked => "已复查",
        HazardStatus.ClosureRequested => "申请销号",
        HazardStatus.Closed => "已销案",
        HazardStatus.Dismissed => "已驳回",
        _ => "已撤回"
    };

    public static string Source(HazardSource s) => s switch
    {
        HazardSource.SelfInspection => "企业自查",
        HazardSource.SupervisionInspection => "监管检查",
        HazardSource.LawEnforcement => "执法检查",
        HazardSource.ThirdPartyInspection => "第三方检查",
        HazardSource.QuickCheck => "随手查",
        HazardSource.RiskPatrol => "风险巡查",
        _ => "一网统管派单"
    };
}
