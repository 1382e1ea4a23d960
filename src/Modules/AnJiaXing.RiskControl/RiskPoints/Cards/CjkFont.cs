using System.Buffers.Binary;
using PdfSharp.Fonts;

namespace AnJiaXing.RiskControl.RiskPoints.Cards;

/// <summary>
/// The Chinese font of the risk cards, found at run time among Debian's packages (fonts-wqy-zenhei, fonts-wqy-microhei,
/// fonts-noto-cjk) or at <c>AnJiaXing:RiskControl:CardFont</c>. A TrueType collection (.ttc) is cut down to its first font,
/// which is what PDFsharp embeds (subset, with a ToUnicode map, so the card's text can be extracted and searched).
/// </summary>
public sealed class CjkFont : IFontResolver
{
    public const string Face = "AnJiaXing-CJK";

    public static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
        "/usr/share/fonts/truetype/arphic/uming.ttc"
    ];

    private static readonly Lock Gate = new();
    private static CjkFont? _installed;
    private readonly byte[] _font;

    private CjkFont(byte[] font) => _font = font;

    /// <summary>Installs the resolver once per process; null when no Chinese font is installed.</summary>
    public static CjkFont? Install(string? configuredPath)
    {
        lock (Gate)
        {
            if (_installed is not null) return _installed;
            var path = new[] { configuredPath }.Concat(Candidates).FirstOrDefault(p => !string.IsNullOrWhiteSpace(p) && File.Exists(p));
            if (path is null) return null;
            var font = new CjkFont(FirstFontOf(File.ReadAllBytes(path)));
            if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = font;
            return _installed = font;
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(Face);

    public byte[] GetFont(string faceName) => _font;

    /// <summary>A standalone TrueType font from the first face of a collection ('ttcf'); a plain font is returned as it is.</summary>
    public static byte[] FirstFontOf(byte[] file)
    {
        if (file.Length < 12 || BinaryPrimitives.ReadUInt32BigEndian(file) != 0x74746366) return file; // 'ttcf'
        var start = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(12));
        var numTables = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(start + 4));
        var tables = Enumerable.Range(0, numTables).Select(i =>
        {
            var r = file.AsSpan(start + 12 + 16 * i);
            return (Tag: BinaryPrimitives.ReadUInt32BigEndian(r), Checksum: BinaryPrimitives.ReadUInt32BigEndian(r[4..]),
                Offset: (int)BinaryPrimitives.ReadUInt32BigEndian(r[8..]), Length: (int)BinaryPrimitives.ReadUInt32BigEndian(r[12..]));
        }).ToList();

        var headerLength = 12 + 16 * numTables;
        var size = headerLength + tables.Sum(t => (t.Length + 3) & ~3);
        var output = new byte[size];
        file.AsSpan(start, 12).CopyTo(output);
        var at = headerLength;
        for (var i = 0; i < tables.Count; i++)
        {
            var t = tables[i];
            var record = output.AsSpan(12 + 16 * i);
            BinaryPrimitives.WriteUInt32BigEndian(record, t.Tag);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], t.Checksum);
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)at);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)t.Length);
            file.AsSpan(t.Offset, t.Length).CopyTo(output.AsSpan(at));
            at += (t.Length + 3) & ~3;
        }
        return output;
    }
}
