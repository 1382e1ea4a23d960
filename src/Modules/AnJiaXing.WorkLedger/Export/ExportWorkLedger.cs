using Marten;
using Microsoft.AspNetCore.Authorization;
using MiniExcelLibs;
using Wolverine.Http;

namespace AnJiaXing.WorkLedger.Export;

public static class ExportWorkLedgerEndpoint
{
    public const string XlsxContentType = Spreadsheets.XlsxContentType;
    public const int MaxRows = 50_000;

    public static readonly string[] Columns = ["日期", "类型", "标题", "所属", "地点", "参会人员", "内容", "决定事项", "行动期间", "记录人"];

    /// <summary>The ledger of the period (same filter and order as <c>GET /api/work-ledger</c>) as one .xlsx sheet, for the monthly report.</summary>
    [Authorize]
    [WolverineGet("/api/work-ledger/export", OperationId = "ExportWorkLedger")]
    public static async Task<IResult> Get(DateTimeOffset? from, DateTimeOffset? to, string? q, Guid? townId, HttpContext http, IQuerySession session,
        CancellationToken ct)
    {
        var entries = await SearchWorkLedgerEndpoint.Filter(session, Caller.From(http.User), null, from, to, q, townId).Take(MaxRows + 1).ToListAsync(ct);
        if (entries.Count > MaxRows) throw ApiProblemException.Validation("from", ProblemLanguage.Say($"导出至多 {MaxRows} 条，请缩短时间范围。", $"At most {MaxRows} entries are exported; choose a shorter period."));

        var china = TimeSpan.FromHours(8);
        var rows = entries.Select(e => new Dictionary<string, object?>
        {
            [Columns[0]] = e.At.ToOffset(china).ToString("yyyy-MM-dd HH:mm"),
            [Columns[1]] = WorkLedgerKinds.Names[e.Kind].Zh,
            [Columns[2]] = e.Content.Title,
            [Columns[3]] = e.TownName ?? "区级",
            [Columns[4]] = e.Content.Place,
            [Columns[5]] = string.Join("、", e.Content.Attendees),
            [Columns[6]] = e.Content.Text,
            [Columns[7]] = e.Content.Decisions,
            [Columns[8]] = e.Content.From is { } start ? $"{start:yyyy-MM-dd} 至 {e.Content.To:yyyy-MM-dd}" : null,
            [Columns[9]] = e.RecordedBy.Name
        }).ToList();
        if (rows.Count == 0) rows.Add(Columns.ToDictionary(c => c, _ => (object?)null));

        return Spreadsheets.File(rows, "工作台账", "work-ledger.xlsx");
    }
}
