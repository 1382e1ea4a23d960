using System.Text;

namespace AnJiaXing.Platform.Imports;

/// <summary>
/// CSV as users save it: UTF-8 (with or without a byte-order mark), or — Excel on Chinese Windows — GBK/GB18030.
/// The encoding is detected, not asked for: valid UTF-8 is taken as UTF-8 (GB18030 text with Chinese in it is almost
/// never valid UTF-8), anything else that decodes strictly as GB18030 (a superset of GBK and GB2312) is taken as that.
/// The text is handed on as UTF-8 so every parser reads one encoding.
/// </summary>
public static class CsvText
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private static readonly Lazy<Encoding> StrictGb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    /// <summary>The text of a CSV upload, or null when it is neither UTF-8 nor GB18030 text.</summary>
    public static string? Decode(byte[] content)
    {
        try
        {
            return StrictUtf8.GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
        }
        try
        {
            return StrictGb18030.Value.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
