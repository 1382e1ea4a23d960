using System.IO.Compression;

namespace AnJiaXing.Platform.Imports;

/// <summary>
/// Limits every bulk import holds an uploaded spreadsheet to before and while it is parsed: an .xlsx is a zip, and a
/// small one can expand to gigabytes (a "zip bomb"), so its parts are decompressed once through a counting stream that
/// stops at <see cref="MaxDecompressedBytes"/> — the sizes a zip declares are not trusted. Rows and columns are
/// capped while reading. Beyond a limit the answer is a 413 problem naming it; nothing is imported.
/// </summary>
public static class SpreadsheetLimits
{
    public const long MaxDecompressedBytes = 64L * 1024 * 1024;
    public const int MaxEntries = 500;
    public const int MaxRows = 20_000;
    public const int MaxColumns = 64;

    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    public static bool IsZip(ReadOnlySpan<byte> content) => content.Length >= 4 && content[..4].SequenceEqual(ZipMagic);

    /// <summary>Checks an .xlsx upload's expanded size before any parser sees it (CSV is read as it is: its size is its size).</summary>
    public static void RequireWithinLimits(byte[] content)
    {
        if (!IsZip(content)) return;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries) throw TooLarge(ProblemLanguage.Say($"包含 {zip.Entries.Count} 个部件，超过上限 {MaxEntries}", $"has {zip.Entries.Count} parts, more than {MaxEntries}"));
            var total = 0L;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                using var part = entry.Open();
                int read;
                while ((read = part.Read(buffer, 0, buffer.Length)) > 0)
                {
                    total += read;
                    if (total > MaxDecompressedBytes)
                        throw TooLarge(ProblemLanguage.Say($"解压后超过 {MaxDecompressedBytes / (1024 * 1024)} MB", $"expands to more than {MaxDecompressedBytes / (1024 * 1024)} MB"));
                }
            }
        }
        catch (InvalidDataException)
        {
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "Unsupported file",
                ProblemLanguage.Say("文件不是有效的 .xlsx 工作簿。", "The file is not a valid .xlsx workbook."));
        }
    }

    /// <summary>The rows of a parsed sheet, refused once there are more than <see cref="MaxRows"/> or a row is wider than <see cref="MaxColumns"/>.</summary>
    public static IEnumerable<IDictionary<string, object?>> Capped(IEnumerable<IDictionary<string, object?>> rows)
    {
        var count = 0;
        foreach (var row in rows)
        {
            if (++count > MaxRows) throw TooLarge(ProblemLanguage.Say($"超过 {MaxRows} 行", $"has more than {MaxRows} rows"));
            if (row.Count > MaxColumns) throw TooLarge(ProblemLanguage.Say($"第 {count + 1} 行超过 {MaxColumns} 列", $"has more than {MaxColumns} columns in row {count + 1}"));
            yield return row;
        }
    }

    private static ApiProblemException TooLarge(string what) =>
        new(StatusCodes.Status413PayloadTooLarge, ProblemLanguage.Say("导入文件过大", "Spreadsheet too large"),
            ProblemLanguage.Say($"导入文件{what}；请拆分后分批导入。", $"The spreadsheet {what}; split it and import the parts one by one."));
}
