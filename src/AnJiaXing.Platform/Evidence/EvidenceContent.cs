using System.Buffers.Binary;
using ImageMagick;
using PdfSharp.Pdf.IO;

namespace AnJiaXing.Platform.Evidence;

/// <summary>
/// Decides what an upload is from its content, never from its name or declared type: the first bytes name a
/// candidate type, and the whole file must then decode as that type. A PNG header followed by HTML, a truncated
/// JPEG or a "PDF" that no reader can open is refused, so what is stored as image/png really is one.
/// </summary>
public static class EvidenceContent
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] PngEnd = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();

    /// <summary>A photo from a phone is at most ~50 megapixels; a header claiming more is a decompression bomb.</summary>
    public const uint MaxImageSide = 16_384;
    public const ulong MaxImagePixels = 80_000_000;

    static EvidenceContent()
    {
        // Bounded for every decode in the process: a forged header cannot make ImageMagick allocate gigabytes.
        ResourceLimits.Width = MaxImageSide;
        ResourceLimits.Height = MaxImageSide;
        ResourceLimits.Area = MaxImagePixels;
        ResourceLimits.Memory = 512UL * 1024 * 1024;
        ResourceLimits.ListLength = 8;
    }

    public static string? Detect(ReadOnlySpan<byte> content) =>
        content.StartsWith(Jpeg) ? "image/jpeg"
        : content.StartsWith(Png) ? "image/png"
        : content.StartsWith(Pdf) ? "application/pdf"
        : null;

    /// <summary>The file's type once it has decoded completely, or a 415 saying why it is not a usable JPEG, PNG or PDF.</summary>
    public static string Verify(byte[] content)
    {
        var type = Detect(content) ?? throw Refused(ProblemLanguage.Say("证据必须是 JPEG、PNG 或 PDF 文件（按文件内容判断，而非文件名）。",
            "Evidence must be a JPEG, PNG or PDF file (judged by its content, not its name)."));
        switch (type)
        {
            case "image/png" when !content.AsSpan().EndsWith(PngEnd):
                // Nothing may follow IEND (PNG spec 5.6); trailing bytes are where a polyglot hides its HTML or script.
                throw Refused(ProblemLanguage.Say("PNG 文件不完整，或在图像结束标记之后还有其他数据。", "The PNG file is incomplete or has data after its end marker."));
            case "image/png" when content.Length >= 24 && TooLarge(
                BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan(16)), BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan(20))):
                // IHDR's size (PNG spec 11.2.2), checked before libpng sees it: libpng would only say "invalid IHDR".
                throw TooManyPixels();
            case "image/png" or "image/jpeg":
                DecodeImage(content, type == "image/png" ? MagickFormat.Png : MagickFormat.Jpeg);
                break;
            default:
                OpenPdf(content);
                break;
        }
        return type;
    }

    private static void DecodeImage(byte[] content, MagickFormat format)
    {
        try
        {
            // The format is forced, so ImageMagick never picks a coder (SVG, MSL, …) from the content itself. The header
            // is read first: a forged size is refused before a single pixel is allocated.
            var settings = new MagickReadSettings { Format = format };
            var header = new MagickImageInfo(content, settings);
            if (TooLarge(header.Width, header.Height)) throw TooManyPixels();
            using var image = new MagickImage(content, settings);
            if (image.Width == 0 || image.Height == 0) throw Refused(ProblemLanguage.Say("图像没有像素。", "The image has no pixels."));
        }
        catch (MagickException e) when (e is MagickResourceLimitErrorException || e.Message.Contains("ExceedsLimit", StringComparison.Ordinal))
        {
            throw TooManyPixels();
        }
        catch (MagickException)
        {
            throw Refused(format == MagickFormat.Png
                ? ProblemLanguage.Say("PNG 文件已损坏，无法解码。", "The PNG file is damaged and cannot be decoded.")
                : ProblemLanguage.Say("JPEG 文件已损坏或被截断，无法解码。", "The JPEG file is damaged or truncated and cannot be decoded."));
        }
    }

    private static void OpenPdf(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = PdfReader.Open(stream, PdfDocumentOpenMode.Import);
            if (document.PageCount == 0) throw Refused(ProblemLanguage.Say("PDF 文件没有页面。", "The PDF file has no pages."));
        }
        catch (ApiProblemException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PDFsharp throws a handful of types for a broken cross-reference table, an encrypted file or garbage.
            throw Refused(ProblemLanguage.Say("PDF 文件已损坏、被加密或无法打开。", "The PDF file is damaged, encrypted or cannot be opened."));
        }
    }

    private static bool TooLarge(uint width, uint height) =>
        width > MaxImageSide || height > MaxImageSide || (ulong)width * height > MaxImagePixels;

    private static ApiProblemException TooManyPixels() =>
        Refused(ProblemLanguage.Say($"图像尺寸过大（每边最多 {MaxImageSide} 像素，总计最多 {MaxImagePixels / 1_000_000} 百万像素）。",
            $"The image is too large (at most {MaxImageSide} pixels a side and {MaxImagePixels / 1_000_000} megapixels in all)."));

    private static ApiProblemException Refused(string detail) =>
        new(StatusCodes.Status415UnsupportedMediaType, "不支持的文件内容", detail);
}
