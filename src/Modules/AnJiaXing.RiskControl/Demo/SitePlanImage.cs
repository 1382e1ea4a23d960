using System.IO.Compression;

namespace AnJiaXing.RiskControl.Demo;

/// <summary>
/// A plain site plan (厂区平面图) for the demo maps, drawn as a PNG in memory: buildings as outlined blocks on a light
/// ground with a road through the site. No image library for one picture: a PNG is rows of pixels, deflated, with CRCs.
/// </summary>
public static class SitePlanImage
{
    public const int Width = 800, Height = 500;

    /// <summary>The blocks (x, y, width, height in pixels) the demo places its risk points in.</summary>
    public static readonly (int X, int Y, int W, int H)[] Blocks =
        [(40, 40, 300, 170), (380, 40, 380, 120), (40, 290, 220, 170), (300, 250, 200, 210), (540, 250, 220, 210)];

    public static byte[] Draw()
    {
        var rgb = new byte[Height, Width, 3];
        void Fill(int x0, int y0, int w, int h, (byte R, byte G, byte B) c)
        {
            for (var y = Math.Max(0, y0); y < Math.Min(Height, y0 + h); y++)
                for (var x = Math.Max(0, x0); x < Math.Min(Width, x0 + w); x++)
                { rgb[y, x, 0] = c.R; rgb[y, x, 1] = c.G; rgb[y, x, 2] = c.B; }
        }
        Fill(0, 0, Width, Height, (0xEE, 0xF2, 0xF5));
        Fill(0, 222, Width, 20, (0xC9, 0xD1, 0xD9)); // the road
        foreach (var (x, y, w, h) in Blocks)
        {
            Fill(x, y, w, h, (0x7F, 0x8C, 0x99));
            Fill(x + 4, y + 4, w - 8, h - 8, (0xFA, 0xFB, 0xFC));
        }

        using var raw = new MemoryStream();
        for (var y = 0; y < Height; y++)
        {
            raw.WriteByte(0); // no filter
            for (var x = 0; x < Width; x++) { raw.WriteByte(rgb[y, x, 0]); raw.WriteByte(rgb[y, x, 1]); raw.WriteByte(rgb[y, x, 2]); }
        }
        using var deflated = new MemoryStream();
        using (var z = new ZLibStream(deflated, CompressionLevel.Optimal, leaveOpen: true)) raw.WriteTo(z);

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BigEndian(header, 0, Width);
        BigEndian(header, 4, Height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", deflated.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BigEndian(length, 0, data.Length);
        png.Write(length);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(typed, 0);
        data.CopyTo(typed, 4);
        png.Write(typed);
        var crc = new byte[4];
        BigEndian(crc, 0, (int)Crc32(typed));
        png.Write(crc);
    }

    private static void BigEndian(byte[] buffer, int at, int value)
    {
        buffer[at] = (byte)(value >> 24); buffer[at + 1] = (byte)(value >> 16); buffer[at + 2] = (byte)(value >> 8); buffer[at + 3] = (byte)value;
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
