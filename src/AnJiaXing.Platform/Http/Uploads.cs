using Microsoft.AspNetCore.Http.Features;

namespace AnJiaXing.Platform.Http;

/// <summary>One uploaded file, read whole into memory after every limit held.</summary>
public sealed record Upload(string FileName, byte[] Content);

/// <summary>
/// The one way an endpoint reads a multipart upload (evidence, every bulk import). The limits are set on the request
/// before the form is parsed, so an oversized body is refused while it streams in instead of being spooled to disk
/// first, and a hostile form (thousands of parts, huge headers or fields, a broken boundary, a truncated body) is a 4xx
/// naming <c>file</c>, never a 500.
/// </summary>
public static class Uploads
{
    /// <summary>Room for the boundaries, part headers and a few small fields besides the file itself.</summary>
    private const long EnvelopeBytes = 64 * 1024;

    public static async Task<Upload> ReadSingleFileAsync(this HttpRequest request, long maxBytes, string accepted, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "不支持的媒体类型",
                ProblemLanguage.Say($"请以 multipart/form-data 上传一个文件（字段 file），接受：{accepted}。",
                    $"Upload one file as multipart/form-data (field file); accepted: {accepted}."));
        if (request.ContentLength > maxBytes + EnvelopeBytes) throw TooLarge(maxBytes);

        // Limits of this request only: far below ASP.NET's defaults (128 MB bodies, 1,024 values, 16 KB headers).
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
        {
            MultipartBodyLengthLimit = maxBytes + EnvelopeBytes,
            ValueCountLimit = 16,
            KeyLengthLimit = 256,
            ValueLengthLimit = 16 * 1024,
            MultipartHeadersCountLimit = 8,
            MultipartHeadersLengthLimit = 4 * 1024,
            MultipartBoundaryLengthLimit = 128,
            BufferBodyLengthLimit = maxBytes + EnvelopeBytes
        }));

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException e) when (e.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase))
        {
            throw TooLarge(maxBytes);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException
                                  || e is BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest })
        {
            // A broken boundary, a malformed Content-Disposition, CR/LF in a header, too many parts, a truncated body.
            throw ApiProblemException.Validation("file", ProblemLanguage.Say("无法读取上传的表单（multipart 格式错误、被截断或部件过多）。",
                "The uploaded form cannot be read (malformed or truncated multipart, or too many parts)."));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(maxBytes);
        }

        var file = form.Files.Count switch
        {
            0 => throw ApiProblemException.Validation("file", ProblemLanguage.Say($"没有上传文件；请在字段 file 中上传一个文件（{accepted}）。",
                $"No file was uploaded; upload one file in the field file ({accepted}).")),
            1 => form.Files[0],
            _ => form.Files.GetFile("file") is { } named && form.Files.Count(f => f.Name == "file") == 1
                ? named
                : throw ApiProblemException.Validation("file", ProblemLanguage.Say($"一次只能上传一个文件（{accepted}）。", $"Upload one file at a time ({accepted})."))
        };
        if (file.Length == 0) throw ApiProblemException.Validation("file", ProblemLanguage.Say("上传的文件是空的。", "The uploaded file is empty."));
        if (file.Length > maxBytes) throw TooLarge(maxBytes);

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content, ct);
        return new Upload(SafeFileName(file.FileName), content);
    }

    /// <summary>The name as shown to people later: no path, no control characters, at most 200 characters.</summary>
    public static string SafeFileName(string? name)
    {
        var bare = Path.GetFileName(name ?? "");
        var clean = new string(bare.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length > 200 ? clean[..200] : clean;
    }

    private static ApiProblemException TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "上传内容过大",
            ProblemLanguage.Say($"文件最大 {Megabytes(maxBytes)}。", $"A file may be at most {Megabytes(maxBytes)}."));

    private static string Megabytes(long bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / 1024 / 1024} MB" : $"{bytes / 1024.0 / 1024:0.#} MB";
}
