using System.Globalization;
using System.Security.Claims;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Authorization;
using MiniExcelLibs;
using MiniExcelLibs.Csv;
using Wolverine.Http;

namespace AnJiaXing.Monitoring.Registers;

public sealed record ImportRejection(int Row, IReadOnlyList<string> Errors);

/// <summary>What an import did: rows created, rows skipped (their code already registered for the enterprise), rows refused with why.</summary>
public sealed record EquipmentImportReport(int Created, int Skipped, IReadOnlyList<ImportRejection> Rejected);

/// <summary>The equipment import sheet (.xlsx or .csv): Chinese headers, one row per piece of equipment.</summary>
public static class EquipmentSheet
{
    public const string Name = "设备名称";
    public const string Kind = "设备类别";
    public const string Code = "设备编号";
    public const string Location = "安装位置";
    public const string InspectedOn = "检验日期";
    public const string ExpiresOn = "有效期至";
    public const string RemindDaysBefore = "提前提醒天数";

    public static readonly string[] Required = [Name, Kind, ExpiresOn];
    public static readonly string[] Columns = [Name, Kind, Code, Location, InspectedOn, ExpiresOn, RemindDaysBefore];
    public const int MaxRows = 5_000;
    public const long MaxBytes = 10 * 1024 * 1024;

    public static List<(int Row, IDictionary<string, object?> Cells)> Read(byte[] content) =>
        Read(content, Required, "/api/equipment/import/template");

    /// <summary>
    /// The non-empty rows of a register sheet (.xlsx, or CSV in UTF-8 or GBK/GB18030) by header, numbered as the
    /// spreadsheet shows them; missing required columns are a 400 naming them and the template.
    /// </summary>
    public static List<(int Row, IDictionary<string, object?> Cells)> Read(byte[] content, string[] required, string template)
    {
        var xlsx = SpreadsheetLimits.IsZip(content);
        if (!xlsx)
            content = Encoding.UTF8.GetBytes(CsvText.Decode(content) ?? throw Unsupported());
        SpreadsheetLimits.RequireWithinLimits(content);
        List<IDictionary<string, object?>> raw;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            raw = SpreadsheetLimits.Capped(stream.Query(useHeaderRow: true, excelType: xlsx ? ExcelType.XLSX : ExcelType.CSV,
                    configuration: xlsx ? null : new CsvConfiguration { Seperator = ',' })
                .Cast<IDictionary<string, object?>>()).ToList();
        }
        catch (Exception e) when (e is not ApiProblemException)
        {
            throw Unsupported();
        }
        var headers = raw.Count > 0 ? raw[0].Keys.Select(k => k.Trim().TrimStart('\uFEFF')).ToHashSet() : [];
        var missing = required.Where(c => !headers.Contains(c)).ToArray();
        if (missing.Length > 0)
            throw ApiProblemException.Validation("file", ProblemLanguage.Say($"表格缺少列：{string.Join("、", missing)}；请从 {template} 下载模板", $"The sheet lacks the columns {string.Join(", ", missing)}; download the template from {template}"));
        if (raw.Count > MaxRows) throw ApiProblemException.Validation("file", ProblemLanguage.Say($"一次最多导入 {MaxRows} 行", $"At most {MaxRows} rows are imported at once"));
        return raw.Select((cells, i) => (i + 2, (IDictionary<string, object?>)cells.ToDictionary(kv => kv.Key.Trim().TrimStart('\uFEFF'), kv => kv.Value)))
            .Where(r => r.Item2.Values.Any(v => !string.IsNullOrWhiteSpace(Convert.ToString(v, CultureInfo.InvariantCulture))))
            .ToList();
    }

    public static string? Text(IDictionary<string, object?> cells, string column) =>
        cells.TryGetValue(column, out var v) && Convert.ToString(v, CultureInfo.InvariantCulture) is { } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;

    public static DateOnly? Date(IDictionary<string, object?> cells, string column, List<string> errors)
    {
        if (cells.TryGetValue(column, out var v) && v is DateTime dt) return DateOnly.FromDateTime(dt);
        if (Text(cells, column) is not { } s) return null;
        if (DateOnly.TryParseExact(s, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        errors.Add(ProblemLanguage.Say($"{column}：日期格式应为 2026-12-31", $"{column}: a date is written like 2026-12-31"));
        return null;
    }

    private static ApiProblemException Unsupported() =>
        new(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
            ProblemLanguage.Say("请上传 .xlsx 或 .csv 文件（UTF-8 或 GBK 编码）", "Upload an .xlsx or .csv file (UTF-8 or GBK)"));
}

public static class ImportEquipmentEndpoint
{
    /// <summary>
    /// Registers the equipment of an uploaded sheet (multipart, one .xlsx or .csv) for one enterprise. Each row is
    /// judged on its own; a row whose 设备编号 the enterprise already has (before, or earlier in the file) is skipped, so
    /// uploading the same file twice creates nothing the second time.
    /// </summary>
    [Authorize]
    [FileUpload("file", ".xlsx, .csv")]
    [WolverinePost("/api/equipment/import", OperationId = "ImportEquipment")]
    public static async Task<EquipmentImportReport> Post(Guid? enterpriseId, HttpContext http, ClaimsPrincipal user, IDocumentSession session,
        CancellationToken ct)
    {
        if (enterpriseId is not { } id || id == Guid.Empty) throw ApiProblemException.Validation("enterpriseId", ProblemLanguage.Say("请选择企业（?enterpriseId=）", "Choose the enterprise (?enterpriseId=)"));
        var caller = Caller.From(user);
        var enterprise = await session.LoadAsync<Organisation>(id, ct);
        if (enterprise is not { Kind: OrganisationKind.Enterprise }) throw ApiProblemException.NotFound(Noun.Enterprise, id);
        caller.Scope.HideUnlessCoversEnterprise(enterprise.Id, enterprise.TownId ?? Guid.Empty, enterprise.Domains, Noun.Enterprise);
        if (!MajorHazardSourceAccess.MayRegister(caller)) throw ApiProblemException.Forbidden(ProblemLanguage.Say("您的角色不能登记台账。", "Your role may not keep these registers."));

        var rows = EquipmentSheet.Read(await ReadUploadAsync(http, ct));
        var codes = (await session.Query<EquipmentView>().Where(e => e.EnterpriseId == id && e.Code != null).Select(e => e.Code!).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        int created = 0, skipped = 0;
        var rejected = new List<ImportRejection>();
        foreach (var (row, cells) in rows)
        {
            var errors = new List<string>();
            var name = EquipmentSheet.Text(cells, EquipmentSheet.Name);
            var kind = EquipmentSheet.Text(cells, EquipmentSheet.Kind);
            var code = EquipmentSheet.Text(cells, EquipmentSheet.Code);
            var location = EquipmentSheet.Text(cells, EquipmentSheet.Location);
            if (name is null) errors.Add(ProblemLanguage.Say($"{EquipmentSheet.Name}：必填", $"{EquipmentSheet.Name}: required"));
            else if (name.Length > 200) errors.Add(ProblemLanguage.Say($"{EquipmentSheet.Name}：最多 200 字", $"{EquipmentSheet.Name}: at most 200 characters"));
            if (kind is null) errors.Add(ProblemLanguage.Say($"{EquipmentSheet.Kind}：必填", $"{EquipmentSheet.Kind}: required"));
            else if (kind.Length > 100) errors.Add(ProblemLanguage.Say($"{EquipmentSheet.Kind}：最多 100 字", $"{EquipmentSheet.Kind}: at most 100 characters"));
            if (code is { Length: > 100 }) errors.Add(ProblemLanguage.Say($"{EquipmentSheet.Code}：最多 100 字", $"{EquipmentSheet.Code}: at most 100 characters"));
            if (location is { Length: > 500 }) errors.Add(ProblemLanguage.Say($"{EquipmentSheet.Location}：最多 500 字", $"{EquipmentSheet.Location}: at most 500 characters"));
            var inspected = EquipmentSheet.Date(cells, EquipmentSheet.InspectedOn, errors);
            var expires = EquipmentSheet.Date(cells, EquipmentSheet.ExpiresOn, errors);
            if (expires is null && !errors.Any(e => e.StartsWith(EquipmentSheet.ExpiresOn, StringComparison.Ordinal))) errors.Add(ProblemLanguage.Say($"{EquipmentSheet.ExpiresOn}：必填", $"{EquipmentSheet.ExpiresOn}: required"));
            if (inspected is { } i && expires is { } x && i > x) errors.Add(ProblemLanguage.Say($"{EquipmentSheet.InspectedOn}：不能晚于有效期", $"{EquipmentSheet.InspectedOn}: may not be after the expiry"));
            var remind = RegisterEndpoints.DefaultRemindDays;
            if (EquipmentSheet.Text(cells, EquipmentSheet.RemindDaysBefore) is { } r
                && (!int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out remind) || remind > 365))
                errors.Add(ProblemLanguage.Say($"{EquipmentSheet.RemindDaysBefore}：应为 0 至 365 的整数", $"{EquipmentSheet.RemindDaysBefore}: a whole number from 0 to 365"));
            if (errors.Count > 0)
            {
                rejected.Add(new ImportRejection(row, errors));
                continue;
            }
            if (code is not null && !codes.Add(code))
            {
                skipped++;
                continue;
            }
            var equipmentId = Guid.CreateVersion7();
            session.Events.StartStream<EquipmentView>(equipmentId, new EquipmentRegistered(equipmentId, enterprise.Id, enterprise.Name,
                enterprise.TownId ?? Guid.Empty, [.. enterprise.Domains], name!, kind!, code, location, inspected, expires!.Value, remind, caller.Actor));
            created++;
        }
        return new EquipmentImportReport(created, skipped, rejected);
    }

    /// <summary>The .xlsx template: the Chinese headers and one example row.</summary>
    [Authorize]
    [WolverineGet("/api/equipment/import/template", OperationId = "GetEquipmentImportTemplate")]
    public static IResult Template()
    {
        var example = new Dictionary<string, object>
        {
            [EquipmentSheet.Name] = "可燃气体报警控制器",
            [EquipmentSheet.Kind] = "气体检测报警",
            [EquipmentSheet.Code] = "GD-2026-001",
            [EquipmentSheet.Location] = "甲类仓库",
            [EquipmentSheet.InspectedOn] = "2026-06-01",
            [EquipmentSheet.ExpiresOn] = "2027-05-31",
            [EquipmentSheet.RemindDaysBefore] = "30"
        };
        return Spreadsheets.File(new[] { example }, "安全设备导入", "equipment-import-template.xlsx");
    }

    internal static async Task<byte[]> ReadUploadAsync(HttpContext http, CancellationToken ct) =>
        (await http.Request.ReadSingleFileAsync(EquipmentSheet.MaxBytes, ".xlsx / .csv", ct)).Content;
}
