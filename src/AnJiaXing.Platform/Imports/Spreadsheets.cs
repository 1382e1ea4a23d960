using MiniExcelLibs;

namespace AnJiaXing.Platform.Imports;

/// <summary>The one way an endpoint answers a spreadsheet: an import's template (headers and example rows) or an export.</summary>
public static class Spreadsheets
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The rows as one named sheet of an .xlsx download; each row's keys are its column headers.</summary>
    public static IResult File(object rows, string sheetName, string fileName)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: sheetName);
        return Results.File(stream.ToArray(), XlsxContentType, fileName);
    }
}
