using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using MiniExcelLibs;
using Wolverine.Http;

namespace AnJiaXing.Emergency.Registers.Importing;

/// <summary>What an import did: entries created, rows skipped as already registered, rows refused and why.</summary>
public sealed record EmergencyImportReport(int Created, int Skipped, IReadOnlyList<EmergencyImportRejection> Rejected);

public sealed record EmergencyImportRejection(int Row, IReadOnlyList<string> Errors);

public static class ImportEmergencyResourcesEndpoint
{
    public const string XlsxContentType = Spreadsheets.XlsxContentType;
    public const long MaxUploadBytes = 10 * 1024 * 1024;
    public const int MaxRows = 5_000;
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly EmergencyResourceDataValidator Validator = new();

    /// <summary>
    /// Registers the rows of an .xlsx upload (multipart, one file) in a register imported in bulk, for the owner named by
    /// <c>enterpriseId</c>/<c>townId</c> (by default the caller's own organisation). Each row is judged on its own by the
    /// API's own rules; a row whose name and location the owner already has in the register (or an earlier row has) is
    /// skipped, so the same file twice creates nothing the second time.
    /// </summary>
    [Authorize]
    [FileUpload("file", ".xlsx")]
    [WolverinePost("/api/emergency/{register}/import", OperationId = "ImportEmergencyResources")]
    public static async Task<EmergencyImportReport> Post(string register, Guid? enterpriseId, Guid? townId, HttpContext http,
        IDocumentSession session, CancellationToken ct)
    {
        var kind = EmergencyResources.Parse(register);
        var columns = ResourceSheet.Of(kind);
        var caller = Caller.From(http.User);
        var (ownEnterprise, ownTown) = EmergencyAccess.OwnOrganisation(caller);
        if (enterpriseId is null && townId is null) (enterpriseId, townId) = (ownEnterprise, ownTown);
        var owner = await session.ResolveOwnerAsync(caller, enterpriseId, townId, ct);
        var rows = await ReadAsync(http, columns, ct);

        var existing = (await session.Query<EmergencyResourceView>()
                .Where(r => r.Register == kind && r.EnterpriseId == owner.EnterpriseId && r.TownId == owner.TownId)
                .Select(r => new { r.Details.Name, r.Details.Location }).ToListAsync(ct))
            .Select(r => Key(r.Name, r.Location)).ToHashSet();
        var rejected = new List<EmergencyImportRejection>();
        int created = 0, skipped = 0;
        foreach (var (number, cells) in rows)
        {
            var (data, errors) = ResourceSheet.Read(columns, cells, owner.EnterpriseId, owner.TownId);
            if (data is not null)
            {
                errors.AddRange(Validator.Validate(data).Errors.Select(f => $"{ResourceSheet.HeaderOf(columns, f.PropertyName)}: {f.ErrorMessage}"));
                errors.AddRange(EmergencyResources.Problems(kind, data.Details).Select(p => $"{ResourceSheet.HeaderOf(columns, p.Key)}: {p.Value[0]}"));
            }
            if (errors.Count > 0) { rejected.Add(new EmergencyImportRejection(number, errors.Distinct().ToList())); continue; }
            if (!existing.Add(Key(data!.Name, data.Location))) { skipped++; continue; }

            var id = Guid.CreateVersion7();
            session.Events.StartStream<EmergencyResourceView>(id, EmergencyResources.Register(id, kind, owner, data.Details, caller.Actor));
            created++;
        }
        return new EmergencyImportReport(created, skipped, rejected);
    }

    /// <summary>The register's .xlsx template: the Chinese headers and one example row.</summary>
    [Authorize]
    [WolverineGet("/api/emergency/{register}/import/template", OperationId = "GetEmergencyImportTemplate")]
    public static IResult Template(string register)
    {
        var kind = EmergencyResources.Parse(register);
        var columns = ResourceSheet.Of(kind);
        var example = columns.ToDictionary(c => c.Header, c => ResourceSheet.Examples[kind].GetValueOrDefault(c.Header, ""));
        return Spreadsheets.File(new[] { example }, EmergencyResources.Names[kind].Zh + "导入", $"{register}-import-template.xlsx");
    }

    private static string Key(string name, string? location) => $"{name.Trim()}\n{location?.Trim()}";

    private static async Task<List<(int Number, IDictionary<string, object?> Cells)>> ReadAsync(HttpContext http, ResourceSheet.Column[] columns,
        CancellationToken ct)
    {
        var content = (await http.Request.ReadSingleFileAsync(MaxUploadBytes, ".xlsx", ct)).Content;
        if (content.Length < 4 || !content.AsSpan(0, 4).SequenceEqual(ZipMagic))
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", ProblemLanguage.Say("文件不是 .xlsx 工作簿。", "The file is not an .xlsx workbook."));

        SpreadsheetLimits.RequireWithinLimits(content);
        List<IDictionary<string, object?>> raw;
        try
        {
            raw = SpreadsheetLimits.Capped(new MemoryStream(content).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>())
                .Select(r => (IDictionary<string, object?>)r.ToDictionary(kv => kv.Key.Trim(), kv => kv.Value)).ToList();
        }
        catch (Exception e) when (e is not ApiProblemException)
        {
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", ProblemLanguage.Say("无法读取该 .xlsx 工作簿。", "The .xlsx workbook cannot be read."));
        }
        var headers = raw.FirstOrDefault()?.Keys.ToHashSet() ?? [];
        var missing = columns.Where(c => c.Required && !headers.Contains(c.Header)).Select(c => c.Header).ToArray();
        if (raw.Count > 0 && missing.Length > 0)
            throw ApiProblemException.Validation("file", ProblemLanguage.Say($"缺少列：{string.Join("、", missing)}；请使用导入模板。", $"Missing columns: {string.Join(", ", missing)}; use the import template."));
        if (raw.Count > MaxRows) throw ApiProblemException.Validation("file", ProblemLanguage.Say($"一次至多导入 {MaxRows} 行。", $"At most {MaxRows} rows are imported at once."));

        return raw.Select((cells, i) => (Number: i + 2, Cells: cells))
            .Where(r => r.Cells.Values.Any(v => !string.IsNullOrWhiteSpace(Convert.ToString(v))))
            .ToList();
    }
}
