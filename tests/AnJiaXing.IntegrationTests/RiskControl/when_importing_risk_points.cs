using System.Net.Http.Headers;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using MiniExcelLibs;

namespace AnJiaXing.IntegrationTests.RiskControl;

public class when_importing_risk_points(RiskControlFixture app) : IClassFixture<RiskControlFixture>
{
    private static Dictionary<string, object> Row(string enterprise, string town, string name, string method, string l, string e, string c, string s,
        string measures = "严禁烟火；每日点检") => new()
    {
        [RiskPointSheet.Enterprise] = enterprise, [RiskPointSheet.PublicTown] = town, [RiskPointSheet.Name] = name, [RiskPointSheet.Location] = "",
        [RiskPointSheet.Category] = "火灾", [RiskPointSheet.HazardFactors] = "", [RiskPointSheet.PossibleAccidents] = "", [RiskPointSheet.ControlMeasures] = measures,
        [RiskPointSheet.EmergencyMeasures] = "", [RiskPointSheet.EmergencyPhone] = "", [RiskPointSheet.Method] = method,
        [RiskPointSheet.L] = l, [RiskPointSheet.E] = e, [RiskPointSheet.C] = c, [RiskPointSheet.S] = s
    };

    private static MultipartFormDataContent Upload(IEnumerable<Dictionary<string, object>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.ToArray());
        var file = new ByteArrayContent(stream.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue(RiskPointSheet.XlsxContentType);
        return new MultipartFormDataContent { { file, "file", "risk-points.xlsx" } };
    }

    /// <summary>Row errors the module words itself (issue 13): Chinese by default, English on Accept-Language: en.</summary>
    [Fact]
    public async Task row_errors_are_in_the_callers_language()
    {
        var demo1 = (await app.Me("ent.demo1")).GetProperty("organisationName").GetString()!;
        Dictionary<string, object>[] rows = [Row(demo1, "", "语言 方法错", "ABC", "1", "", "", "1"), Row(demo1, "南翔镇", "语言 两者", "LS", "1", "", "", "1")];
        string[] ErrorsOf(System.Text.Json.JsonElement report, int row) =>
            report.GetProperty("rejected").EnumerateArray().Single(r => r.GetProperty("row").GetInt32() == row)
                .GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToArray();

        var chinese = (await app.As("town.nanxiang", s => { s.Post.MultipartFormData(Upload(rows)).ToUrl("/api/risk-points/import"); s.StatusCodeShouldBe(200); })).Json();
        Assert.Equal(["评估方法须为 LEC 或 LS。"], ErrorsOf(chinese, 2));
        Assert.Equal(["企业名称与公共风险点所属镇只能填写一个。"], ErrorsOf(chinese, 3));

        var english = (await app.As("town.nanxiang", s =>
        {
            s.WithRequestHeader("Accept-Language", "en-GB,en;q=0.8");
            s.Post.MultipartFormData(Upload(rows)).ToUrl("/api/risk-points/import");
            s.StatusCodeShouldBe(200);
        })).Json();
        Assert.Equal(0, english.GetProperty("created").GetInt32());
        Assert.Equal(["The assessment method must be LEC or LS."], ErrorsOf(english, 2));
        Assert.Equal(["Fill in either the enterprise or the town of a public risk point, not both."], ErrorsOf(english, 3));
    }

    [Fact]
    public async Task good_rows_are_registered_bad_ones_reported_and_a_second_upload_skips_them()
    {
        var demo1 = (await app.Me("ent.demo1")).GetProperty("organisationName").GetString()!;
        var demo3 = (await app.Me("ent.demo3")).GetProperty("organisationName").GetString()!;
        var rows = new[]
        {
            Row(demo1, "", "导入 罐区", "LEC", "3", "6", "40", ""),          // row 2: Major
            Row("", "南翔镇", "导入 公共 广场", "LS", "3", "", "", "4"),       // row 3: General, public
            Row(demo1, "", "导入 缺 E", "LEC", "3", "", "40", ""),           // row 4: no E
            Row("不存在的公司", "", "导入 无企业", "LS", "1", "", "", "1"),     // row 5
            Row(demo1, "", "导入 方法错", "ABC", "1", "", "", "1"),           // row 6
            Row(demo3, "", "导入 他镇企业", "LS", "1", "", "", "1"),           // row 7: outside 南翔镇
            Row(demo1, "", "导入 无措施", "LS", "1", "", "", "1", "")          // row 8
        };
        var report = (await app.As("town.nanxiang", s => { s.Post.MultipartFormData(Upload(rows)).ToUrl("/api/risk-points/import"); s.StatusCodeShouldBe(200); })).Json();
        Assert.Equal(2, report.GetProperty("created").GetInt32());
        Assert.Equal(0, report.GetProperty("skipped").GetInt32());
        var rejected = report.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("row").GetInt32(),
            r => string.Join(" | ", r.GetProperty("errors").EnumerateArray().Select(e => e.GetString())));
        Assert.Equal([4, 5, 6, 7, 8], rejected.Keys.Order());
        Assert.Contains("E", rejected[4]);
        Assert.Contains("不存在", rejected[5]);
        Assert.Contains("LEC 或 LS", rejected[6]);
        Assert.Contains("管辖范围", rejected[7]);
        Assert.Contains("管控措施", rejected[8]);

        var points = (await app.As("town.nanxiang", s => s.Get.Url($"/api/risk-points?q={Uri.EscapeDataString("导入")}"))).Json().GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("Major", points.Single(p => p.GetProperty("name").GetString() == "导入 罐区").GetProperty("level").GetString());
        Assert.True(points.Single(p => p.GetProperty("name").GetString() == "导入 公共 广场").GetProperty("public").GetBoolean());

        var again = (await app.As("town.nanxiang", s => { s.Post.MultipartFormData(Upload(rows)).ToUrl("/api/risk-points/import"); s.StatusCodeShouldBe(200); })).Json();
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(2, again.GetProperty("skipped").GetInt32());
    }

    [Fact]
    public async Task the_template_has_the_chinese_headers_and_imports_as_it_is()
    {
        var template = await app.As("ent.demo1", s => { s.Get.Url("/api/risk-points/import/template"); s.StatusCodeShouldBe(200); });
        Assert.Equal(RiskPointSheet.XlsxContentType, template.Context.Response.ContentType);
        var body = template.Context.Response.Body;
        if (body.CanSeek) body.Position = 0;
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy);
        var bytes = copy.ToArray();
        using var stream = new MemoryStream(bytes);
        var headers = ((IDictionary<string, object?>)stream.Query(useHeaderRow: false).First()).Values.Select(v => v?.ToString()).ToList();
        Assert.Equal(RiskPointSheet.Columns, headers);

        // The district admin imports the template: 上海示例化工有限公司 does not exist, the public point of 南翔镇 does.
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(RiskPointSheet.XlsxContentType);
        var report = (await app.As("district.admin", s => { s.Post.MultipartFormData(new MultipartFormDataContent { { file, "file", "t.xlsx" } }).ToUrl("/api/risk-points/import"); })).Json();
        Assert.Equal(1, report.GetProperty("created").GetInt32());
        Assert.Equal(2, report.GetProperty("rejected")[0].GetProperty("row").GetInt32());
    }

    [Fact]
    public async Task wrong_files_and_roles_are_refused()
    {
        var csv = new ByteArrayContent("风险点名称,评估方法\n甲,LS\n"u8.ToArray());
        await app.As("town.nanxiang", s => { s.Post.MultipartFormData(new MultipartFormDataContent { { csv, "file", "x.csv" } }).ToUrl("/api/risk-points/import"); s.StatusCodeShouldBe(415); });
        await app.As("town.nanxiang", s => { s.Post.Json(new { }).ToUrl("/api/risk-points/import"); s.StatusCodeShouldBe(415); });
        await app.As("auditor", s => { s.Post.MultipartFormData(Upload([Row("", "南翔镇", "x", "LS", "1", "", "", "1")])).ToUrl("/api/risk-points/import"); s.StatusCodeShouldBe(403); });
        var ent = (await app.As("ent.demo1", s => s.Post.MultipartFormData(Upload([Row("", "南翔镇", "企业导公共", "LS", "1", "", "", "1")])).ToUrl("/api/risk-points/import"))).Json();
        Assert.Equal(0, ent.GetProperty("created").GetInt32());
        Assert.Single(ent.GetProperty("rejected").EnumerateArray());
    }
}
