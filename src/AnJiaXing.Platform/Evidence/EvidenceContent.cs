namespace AnJiaXing.Platform.Evidence;

/// <summary>Decides what an upload is from its first bytes, never from its name or declared type.</summary>
public static class EvidenceContent
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();

    public static string? Detect(ReadOnlySpan<byte> content) =>
        content.StartsWith(Jpeg) ? "image/jpeg"
        : content.StartsWith(Png) ? "image/png"
        : content.StartsWith(Pdf) ? "application/pdf"
        : null;
}
