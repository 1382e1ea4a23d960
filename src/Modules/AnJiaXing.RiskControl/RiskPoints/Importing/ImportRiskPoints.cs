using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using MiniExcelLibs;
using Wolverine.Http;

namespace AnJiaXing.RiskControl.RiskPoints.Importing;

/// <summary>The import sheet's Chinese headers (风险点导入模板).</summary>
public static class RiskPointSheet
{
    public const string Enterprise = "企业名称";
    public const string PublicTown = "公共风险点所属镇";
    public const string Name = "风险点名称";
    public const string Location = "位置";
    public const string Category = "风险类别";
    public const string HazardFactors = "危险因素";
    public const string PossibleAccidents = "可能导致的事故";
    public const string ControlMeasures = "管控措施";
    public const string EmergencyMeasures = "应急措施";
    public const string EmergencyPhone = "应急电话";
    public const string Method = "评估方法";
    public const string L = "L";
    public const string E = "E";
    public const string C = "C";
    public const string S = "S";

    public static readonly string[] Required = [Name, Category, ControlMeasures, Method, L];
    public static readonly string[] Columns =
        [Enterprise, PublicTown, Name, Location, Category, HazardFactors, PossibleAccidents, ControlMeasures, EmergencyMeasures, EmergencyPhone, Method, L, E, C, S];

    public const string XlsxContentType = Spreadsheets.XlsxContentType;
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    public static readonly char[] MeasureSeparators = ['；', ';', '\n'];

    public sealed record Row(int Number, IReadOnlyDictionary<string, string> Cells)
    {
        public string? this[string column] => Cells.TryGetValue(column, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
    }

    public static IReadOnlyList<Row> Read(byte[] content)
    {
        if (content.Length < 4 || !content.AsSpan(0, 4).SequenceEqual(ZipMagic))
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", ProblemLanguage.Say("请上传 .xlsx 工作簿（可先下载导入模板）。", "Upload an .xlsx workbook (the import template is a good start)."));
        SpreadsheetLimits.RequireWithinLimits(content);
        List<IDictionary<string, object?>> raw;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            raw = SpreadsheetLimits.Capped(stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>()).ToList();
        }
        catch (Exception e) when (e is not ApiProblemException)
        {
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", ProblemLanguage.Say("文件无法作为 .xlsx 工作簿读取。", "The file cannot be read as an .xlsx workbook."));
        }
        var headers = raw.Count > 0 ? raw[0].Keys.Select(k => k.Trim()).ToHashSet() : [];
        var missing = Required.Where(c => !headers.Contains(c)).ToArray();
        if (raw.Count > 0 && missing.Length > 0)
            throw ApiProblemException.Validation("file", ProblemLanguage.Say($"表格缺少列：{string.Join("、", missing)}；请使用 /api/risk-points/import/template 模板。", $"The sheet lacks the columns {string.Join(", ", missing)}; use the template at /api/risk-points/import/template."));
        var rows = new List<Row>();
        for (var i = 0; i < raw.Count; i++)
        {
            var cells = raw[i].ToDictionary(kv => kv.Key.Trim(), kv => Convert.ToString(kv.Value, CultureInfo.InvariantCulture) ?? "");
            if (cells.Values.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(new Row(i + 2, cells));
        }
        return rows;
    }
}

/// <summary>What an import did: points registered, rows skipped (a point of that name is already there), rows refused and why.</summary>
public sealed record RiskPointImportReport(int Created, int Skipped, IReadOnlyList<RiskPointImportRejection> Rejected);

public sealed record RiskPointImportRejection(int Row, IReadOnlyList<string> Errors);

public static class ImportRiskPointsEndpoints
{
    public const long MaxUploadBytes = 10 * 1024 * 1024;
    public const int MaxRows = 5000;
    private static readonly RegisterRiskPointValidator Validator = new();

    /// <summary>The .xlsx template: the Chinese headers and two example rows (an enterprise's point, a public one).</summary>
    [Authorize]
    [WolverineGet("/api/risk-points/import/template", OperationId = "GetRiskPointImportTemplate")]
    public static IResult Template()
    {
        var rows = new[]
        {
            Example("上海示例化工有限公司", "", "甲类仓库", "厂区东北角", "火灾、爆炸", "易燃液体、静电", "火灾、爆炸", "严禁烟火；可燃气体报警器每日点检",
                "切断电源，启动喷淋，疏散报警", "021-59000000", "LEC", "3", "6", "40", ""),
            Example("", "南翔镇", "古猗园广场", "南翔镇古猗园路", "人员密集场所", "节假日客流", "踩踏", "节假日限流；设置疏散指引", "疏散人员，拨打110", "110", "LS", "3", "", "", "4")
        };
        return Spreadsheets.File(rows, "风险点导入", "risk-point-import-template.xlsx");
    }

    private static Dictionary<string, object> Example(params string[] values) =>
        RiskPointSheet.Columns.Zip(values).ToDictionary(p => p.First, p => (object)p.Second);

    /// <summary>
    /// Registers the risk points of an .xlsx upload (multipart, one file), each row judged on its own with the same rules as
    /// <c>POST /api/risk-points</c> (validator, scope, role); a row naming a point its enterprise (or town) already has is
    /// skipped, so uploading the same file twice creates nothing the second time.
    /// </summary>
    [Authorize]
    [FileUpload("file", ".xlsx")]
    [WolverinePost("/api/risk-points/import", OperationId = "ImportRiskPoints")]
    public static async Task<RiskPointImportReport> Post(HttpContext http, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        var caller = Caller.From(user);
        if (caller.Role is Role.Auditor or Role.ThirdPartyInspector) throw ApiProblemException.Forbidden(ProblemLanguage.Say("您的角色不能导入风险点。", "Your role may not import risk points."));
        var rows = RiskPointSheet.Read(await ReadUploadAsync(http, ct));
        if (rows.Count > MaxRows) throw ApiProblemException.Validation("file", ProblemLanguage.Say($"一次最多导入 {MaxRows} 行。", $"At most {MaxRows} rows are imported at once."));

        var orgs = await session.Query<Organisation>().Where(o => o.Kind == OrganisationKind.Enterprise || o.Kind == OrganisationKind.Town).ToListAsync(ct);
        var enterprises = orgs.Where(o => o.Kind == OrganisationKind.Enterprise).GroupBy(o => o.Name).ToDictionary(g => g.Key, g => g.ToList());
        var towns = orgs.Where(o => o.Kind == OrganisationKind.Town).ToDictionary(o => o.Name);
        var existing = (await session.Query<RiskPointView>().Select(p => new { p.EnterpriseId, p.TownId, p.Public, p.Name }).ToListAsync(ct))
            .Select(p => Key(p.Public ? null : p.EnterpriseId, p.TownId, p.Name)).ToHashSet();

        var rejected = new List<RiskPointImportRejection>();
        int created = 0, skipped = 0;
        foreach (var row in rows)
        {
            var errors = new List<string>();
            var command = ToCommand(row, enterprises, towns, errors);
            if (command is not null)
            {
                var validation = Validator.Validate(command);
                errors.AddRange(validation.Errors.Select(e => e.ErrorMessage));
            }
            if (command is null || errors.Count > 0) { rejected.Add(new RiskPointImportRejection(row.Number, errors)); continue; }

            var id = Guid.CreateVersion7();
            try
            {
                var registered = await RiskPointRegistration.DecideAsync(id, command, caller, session, ct);
                if (!existing.Add(Key(registered.EnterpriseId, registered.TownId, registered.Name))) { skipped++; continue; }
                session.Events.StartStream<RiskPointView>(id, registered);
                created++;
            }
            catch (ValidationProblemException v)
            {
                rejected.Add(new RiskPointImportRejection(row.Number, v.Errors.SelectMany(e => e.Value).ToList()));
            }
            catch (ApiProblemException refused)
            {
                rejected.Add(new RiskPointImportRejection(row.Number,
                    [refused.Status == StatusCodes.Status404NotFound
                        ? ProblemLanguage.Say("企业或所属镇不存在或不在您的管辖范围内。", "The enterprise or town does not exist or is outside your jurisdiction.")
                        : refused.Detail ?? refused.Title]));
            }
        }
        return new RiskPointImportReport(created, skipped, rejected);
    }

    private static string Key(Guid? enterpriseId, Guid townId, string name) => $"{enterpriseId?.ToString() ?? "town:" + townId}\n{name.Trim()}";

    private static RegisterRiskPoint? ToCommand(RiskPointSheet.Row row, Dictionary<string, List<Organisation>> enterprises,
        Dictionary<string, Organisation> towns, List<string> errors)
    {
        Guid? enterpriseId = null, townId = null;
        var enterpriseName = row[RiskPointSheet.Enterprise];
        var townName = row[RiskPointSheet.PublicTown];
        if (enterpriseName is not null && townName is not null) errors.Add(ProblemLanguage.Say("企业名称与公共风险点所属镇只能填写一个。", "Fill in either the enterprise or the town of a public risk point, not both."));
        else if (enterpriseName is not null)
        {
            if (!enterprises.TryGetValue(enterpriseName, out var found)) errors.Add(ProblemLanguage.Say($"企业“{enterpriseName}”不存在。", $"The enterprise '{enterpriseName}' does not exist."));
            else if (found.Count > 1) errors.Add(ProblemLanguage.Say($"企业名称“{enterpriseName}”不唯一。", $"The enterprise name '{enterpriseName}' is not unique."));
            else enterpriseId = found[0].Id;
        }
        else if (townName is not null)
        {
            if (towns.TryGetValue(townName, out var town)) townId = town.Id;
            else errors.Add(ProblemLanguage.Say($"“{townName}”不是本区的镇（街道）。", $"'{townName}' is not a town of the district."));
        }
        else errors.Add(ProblemLanguage.Say("请填写企业名称，或公共风险点所属镇。", "Fill in the enterprise, or the town of a public risk point."));

        AssessmentMethod? method = row[RiskPointSheet.Method]?.ToUpperInvariant() switch
        {
            "LEC" => AssessmentMethod.LEC,
            "LS" => AssessmentMethod.LS,
            null => null,
            _ => null
        };
        if (method is null) errors.Add(ProblemLanguage.Say("评估方法须为 LEC 或 LS。", "The assessment method must be LEC or LS."));
        double? Number(string column)
        {
            var text = row[column];
            if (text is null) return null;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return v;
            errors.Add(ProblemLanguage.Say($"{column} 须为数字。", $"{column} must be a number."));
            return null;
        }
        var l = Number(RiskPointSheet.L);
        var e = Number(RiskPointSheet.E);
        var c = Number(RiskPointSheet.C);
        var s = Number(RiskPointSheet.S);
        if (l is null) errors.Add(ProblemLanguage.Say("请填写 L。", "Fill in L."));
        if (errors.Count > 0) return null;

        var measures = row[RiskPointSheet.ControlMeasures]?.Split(RiskPointSheet.MeasureSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        return new RegisterRiskPoint(enterpriseId, enterpriseId is null ? true : null, townId, row[RiskPointSheet.Name] ?? "", row[RiskPointSheet.Location],
            null, null, row[RiskPointSheet.Category] ?? "", row[RiskPointSheet.HazardFactors], row[RiskPointSheet.PossibleAccidents], measures,
            row[RiskPointSheet.EmergencyMeasures], row[RiskPointSheet.EmergencyPhone], null, new RiskAssessment(method!.Value, l!.Value, e, c, s));
    }

    private static async Task<byte[]> ReadUploadAsync(HttpContext http, CancellationToken ct) =>
        (await http.Request.ReadSingleFileAsync(MaxUploadBytes, ".xlsx", ct)).Content;
}
