using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace AnJiaXing.RiskControl.RiskPoints.Cards;

/// <summary>
/// The risk notification card (安全风险告知卡), one A4 page: a band in the level's colour with the title and the level, then
/// enterprise, point, location, category, hazard factors, possible accidents, control and emergency measures, emergency
/// phone, responsible person, the assessment and the date. Drawn from the risk point's read model (the fold of its stream).
/// </summary>
public static class RiskCard
{
    private const double Margin = 40, LabelWidth = 110, Gap = 8;

    public static byte[] Render(RiskPointView p, DateOnly date)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"安全风险告知卡 — {p.Name}";
        document.Info.Creator = "安嘉行 AnJiaXing";
        var page = document.AddPage();
        page.Size = PageSize.A4;
        using var g = XGraphics.FromPdfPage(page);

        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        var title = new XFont(CjkFont.Face, 30, XFontStyleEx.Regular, options);
        var levelFont = new XFont(CjkFont.Face, 20, XFontStyleEx.Regular, options);
        var label = new XFont(CjkFont.Face, 12, XFontStyleEx.Regular, options);
        var body = new XFont(CjkFont.Face, 12, XFontStyleEx.Regular, options);
        var small = new XFont(CjkFont.Face, 9, XFontStyleEx.Regular, options);

        var width = page.Width.Point;
        var colour = XColor.FromArgb(int.Parse(p.Level.Hex()[1..], NumberStyles.HexNumber) | unchecked((int)0xFF000000));
        var onColour = p.Level == RiskLevel.General ? XBrushes.Black : XBrushes.White;

        // The colour band: title and level.
        g.DrawRectangle(new XSolidBrush(colour), 0, 0, width, 130);
        g.DrawString("安全风险告知卡", title, onColour, new XRect(0, 28, width, 40), XStringFormats.Center);
        g.DrawString($"风险等级：{p.Level.ChineseName()}（{p.Level.ChineseColour()}）", levelFont, onColour, new XRect(0, 80, width, 30), XStringFormats.Center);

        var rows = new List<(string Label, string Value)>
        {
            (p.Public ? "所属镇（街道）" : "企业名称", p.Public ? $"{p.TownName}（公共风险点）" : p.EnterpriseName ?? ""),
            ("风险点名称", p.Name),
            ("所在位置", p.Location ?? "—"),
            ("风险类别", p.Category),
            ("危险因素", p.HazardFactors ?? "—"),
            ("可能导致的事故", p.PossibleAccidents ?? "—"),
            ("管控措施", string.Join("\n", p.ControlMeasures.Select((m, i) => $"{i + 1}. {m}"))),
            ("应急措施", p.EmergencyMeasures ?? "—"),
            ("应急电话", string.IsNullOrWhiteSpace(p.EmergencyPhone) ? "119 / 120 / 110" : p.EmergencyPhone),
            ("责任人", p.Responsible?.Name ?? "—"),
            ("风险评估", Describe(p.Assessment, p.Score)),
            ("告知日期", date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture))
        };

        var y = 150.0;
        var valueX = Margin + LabelWidth + Gap;
        var valueWidth = width - valueX - Margin;
        var pen = new XPen(p.Level == RiskLevel.General ? XColor.FromArgb(190, 160, 0) : colour, 1);
        foreach (var (name, value) in rows)
        {
            var lines = Wrap(g, value, body, valueWidth - 8);
            var height = Math.Max(26, lines.Count * 17 + 9);
            g.DrawRectangle(pen, new XSolidBrush(XColor.FromArgb(28, colour)), Margin, y, LabelWidth, height);
            g.DrawRectangle(pen, valueX - Gap, y, valueWidth + Gap, height);
            g.DrawString(name, label, XBrushes.Black, new XRect(Margin + 6, y, LabelWidth - 12, height), XStringFormats.CenterLeft);
            for (var i = 0; i < lines.Count; i++)
                g.DrawString(lines[i], body, XBrushes.Black, valueX, y + 17 + i * 17);
            y += height;
        }

        g.DrawRectangle(new XSolidBrush(colour), 0, page.Height.Point - 36, width, 36);
        g.DrawString($"安嘉行 · 风险点 {p.Id} · 第 {p.Version} 版", small, onColour,
            new XRect(0, page.Height.Point - 36, width, 36), XStringFormats.Center);

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    public static string Describe(RiskAssessment a, double score) => a.Method == AssessmentMethod.LEC
        ? $"LEC 法：L={a.L:0.##} × E={a.E:0.##} × C={a.C:0.##}，D={score:0.##}"
        : $"LS 法：L={a.L:0} × S={a.S:0}，R={score:0}";

    /// <summary>Lines that fit <paramref name="width"/>: Chinese breaks between any two characters; explicit line breaks are kept.</summary>
    private static List<string> Wrap(XGraphics g, string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var ch in paragraph)
            {
                if (line.Length > 0 && g.MeasureString(line + ch, font).Width > width)
                {
                    lines.Add(line);
                    line = "";
                }
                line += ch;
            }
            lines.Add(line);
        }
        return lines;
    }
}
