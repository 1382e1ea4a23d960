using System.Text;
using MiniExcelLibs;
using MiniExcelLibs.Csv;

namespace AnJiaXing.Registry.Enterprises.Importing;

/// <summary>
/// The import spreadsheet: its Chinese column headers, and reading an upload (.xlsx or UTF-8 .csv) into rows of
/// header → cell text. Parsing is MiniExcel's; this class only decides what kind of file it was given.
/// </summary>
public static class EnterpriseSheet
{
    public const string Name = "企业名称";
    public const string CreditCode = "统一社会信用代码";
    public const string Address = "地址";
    public const string Town = "所属街镇";
    public const string Domains = "行业领域";
    public const string Scale = "规模";
    public const string LegalRepresentative = "法定代表人";
    public const string SafetyManager = "安全负责人";
    public const string ContactPhone = "联系电话";

    public static readonly string[] Required = [Name, CreditCode, Address, Town, Domains];
    public static readonly string[] Columns = [.. Required, Scale, LegalRepresentative, SafetyManager, ContactPhone];

    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>A row of the sheet: its number as a spreadsheet shows it (the header is row 1) and its cells by header.</summary>
    public sealed record Row(int Number, IReadOnlyDictionary<string, string> Cells)
    {
        public string? this[string column] => Cells.TryGetValue(column, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
    }

    /// <summary>Reads every non-empty row; a file that is neither an .xlsx workbook nor UTF-8 CSV text is a 415, missing columns a 400.</summary>
    public static IReadOnlyList<Row> Read(byte[] content)
    {
        var type = Detect(content);
        SpreadsheetLimits.RequireWithinLimits(content);
        // A GBK/GB18030 CSV (Excel on Chinese Windows) is read as the same text in UTF-8.
        if (type == ExcelType.CSV) content = Encoding.UTF8.GetBytes(CsvText.Decode(content)!);
        List<IDictionary<string, object?>> raw;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            var configuration = type == ExcelType.CSV ? new CsvConfiguration { Seperator = ',' } : null;
            raw = SpreadsheetLimits.Capped(stream.Query(useHeaderRow: true, excelType: type, configuration: configuration)
                    .Cast<IDictionary<string, object?>>())
                .ToList();
        }
        catch (Exception e) when (e is not ApiProblemException)
        {
            throw Unsupported($"The file could not be read as {(type == ExcelType.XLSX ? "an .xlsx workbook" : "CSV")}.");
        }

        var headers = raw.Count > 0 ? raw[0].Keys.Select(k => k.Trim()).ToHashSet() : ReadHeaderOnly(content, type);
        var missing = Required.Where(c => !headers.Contains(c)).ToArray();
        if (missing.Length > 0)
            throw ApiProblemException.Validation("file", ProblemLanguage.Say(
                $"表格缺少列：{string.Join("、", missing)}；请使用 /api/enterprises/import/template 模板。",
                $"The sheet lacks the column(s) {string.Join("、", missing)}; download the template from /api/enterprises/import/template."));

        var rows = new List<Row>(raw.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            var cells = raw[i].ToDictionary(kv => kv.Key.Trim(), kv => Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
            if (cells.Values.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(new Row(i + 2, cells));
        }
        return rows;
    }

    private static HashSet<string> ReadHeaderOnly(byte[] content, ExcelType type)
    {
        using var stream = new MemoryStream(content, writable: false);
        var first = stream.Query(useHeaderRow: false, excelType: type).Cast<IDictionary<string, object?>>().FirstOrDefault();
        return first is null ? [] : first.Values.Select(v => Convert.ToString(v)?.Trim() ?? "").ToHashSet();
    }

    private static ExcelType Detect(byte[] content)
    {
        if (content.Length >= 4 && content.AsSpan(0, 4).SequenceEqual(ZipMagic)) return ExcelType.XLSX;
        var text = CsvText.Decode(content)
                   ?? throw Unsupported("The file is neither an .xlsx workbook nor CSV text (UTF-8 or GBK/GB18030).");
        if (text.Contains('\0')) throw Unsupported("The file is binary, not CSV text.");
        var firstLine = text.Split('\n', 2)[0];
        if (!Required.Any(firstLine.Contains))
            throw Unsupported("The file is neither an .xlsx workbook nor CSV whose first row holds the template's headers.");
        return ExcelType.CSV;
    }

    private static ApiProblemException Unsupported(string detail) =>
        new(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", detail);
}
