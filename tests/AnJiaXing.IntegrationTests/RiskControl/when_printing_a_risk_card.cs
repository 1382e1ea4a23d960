using System.Diagnostics;
using Alba;
using static AnJiaXing.IntegrationTests.RiskControl.RiskControlFixture;

namespace AnJiaXing.IntegrationTests.RiskControl;

/// <summary>The card's text as poppler-utils' pdftotext reads it (Debian's package; .ci/run installs it).</summary>
public class when_printing_a_risk_card(RiskControlFixture app) : IClassFixture<RiskControlFixture>
{
    private async Task<byte[]> Card(string username, Guid id)
    {
        var result = await app.As(username, s => { s.Get.Url($"/api/risk-points/{id}/card"); s.StatusCodeShouldBe(200); s.ContentTypeShouldBe("application/pdf"); });
        var body = result.Context.Response.Body;
        if (body.CanSeek) body.Position = 0;
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task<string> TextOf(byte[] pdf)
    {
        var dir = Directory.CreateTempSubdirectory("risk-card-");
        var file = Path.Combine(dir.FullName, "card.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        var psi = new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", "-layout", file, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        // Keep a rendering beside the PDF for a person to look at (pdftoppm -png), when poppler has it.
        try { Process.Start("pdftoppm", ["-png", "-r", "60", "-singlefile", file, Path.Combine(dir.FullName, "card")])?.WaitForExit(10_000); }
        catch (System.ComponentModel.Win32Exception) { }
        return text;
    }

    [Fact]
    public async Task the_card_names_the_point_in_chinese_with_its_level()
    {
        var enterprise = await app.OrganisationOf("ent.demo1");
        var enterpriseName = (await app.Me("ent.demo1")).GetProperty("organisationName").GetString()!;
        var id = await app.Register("ent.demo1", EnterprisePoint(enterprise, Lec(3, 6, 40), "告知卡 甲类仓库", await app.UserIdOf("ent.demo1")));
        var pdf = await Card("town.nanxiang", id);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));

        var text = await TextOf(pdf);
        var flat = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        foreach (var expected in new[] { "安全风险告知卡", "风险等级：重大风险（红色）", enterpriseName, "告知卡甲类仓库", "厂区东北角3号库", "火灾、爆炸",
                     "易燃液体储存、静电、明火", "火灾、爆炸、中毒", "1.严禁烟火，设置防爆电气", "2.可燃气体报警器每日点检", "立即切断电源，启动喷淋，疏散人员并报警",
                     "021-59120000", "LEC法", "D=720", "告知日期", "年", "责任人" })
            Assert.Contains(expected.Replace(" ", ""), flat);
        var responsible = (await app.Me("ent.demo1")).GetProperty("displayName").GetString()!;
        Assert.Contains(responsible.Replace(" ", ""), flat);
    }

    [Fact]
    public async Task the_card_follows_a_reassessment_and_the_scope()
    {
        var town = await app.OrganisationOf("town.nanxiang");
        var id = await app.Register("town.nanxiang", PublicPoint(town, Ls(5, 5), null, "告知卡 公共 老街"));
        await app.As("town.nanxiang", s => { s.Post.Json(new { assessment = Ls(3, 3) }).ToUrl($"/api/risk-points/{id}/assessments"); s.StatusCodeShouldBe(200); });
        var flat = string.Concat((await TextOf(await Card("district.admin", id))).Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains("风险等级：一般风险（黄色）", flat);
        Assert.Contains("南翔镇（公共风险点）", flat);
        Assert.Contains("LS法：L=3×S=3，R=9", flat);
        await app.As("ent.demo1", s => { s.Get.Url($"/api/risk-points/{id}/card"); s.StatusCodeShouldBe(404); });
        await app.As("town.anting", s => { s.Get.Url($"/api/risk-points/{id}/card"); s.StatusCodeShouldBe(404); });
    }
}
