using System.Net.Http.Headers;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using MiniExcelLibs;

namespace AnJiaXing.IntegrationTests.Emergency;

public class when_importing_emergency_registers(AppFixture app) : IClassFixture<AppFixture>
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static MultipartFormDataContent Upload(IEnumerable<Dictionary<string, object>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.ToList());
        var file = new ByteArrayContent(stream.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue(XlsxType);
        return new MultipartFormDataContent { { file, "file", "import.xlsx" } };
    }

    private Task<IScenarioResult> Import(string user, string register, MultipartFormDataContent content, int status, Guid? townId = null) =>
        app.As(user, s =>
        {
            var send = s.Post.MultipartFormData(content).ToUrl($"/api/emergency/{register}/import");
            if (townId is { } town) send.QueryString("townId", town.ToString());
            s.StatusCodeShouldBe(status);
        });

    /// <summary>Row errors the module words itself (issue 13): Chinese by default, English on Accept-Language: en; the
    /// column is named by the template's own header either way.</summary>
    [Fact]
    public async Task row_errors_are_in_the_callers_language()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        Dictionary<string, object>[] rows =
        [
            new() { ["名称"] = $"{tag}语言甲", ["纬度"] = "", ["经度"] = "", ["联系电话"] = "13800000000", ["专业领域"] = "" },        // row 2: no speciality
            new() { ["名称"] = $"{tag}语言乙", ["纬度"] = "北纬", ["经度"] = "", ["联系电话"] = "13800000000", ["专业领域"] = "消防" }  // row 3: latitude
        ];
        string[] ErrorsOf(System.Text.Json.JsonElement report, int row) =>
            report.GetProperty("rejected").EnumerateArray().Single(r => r.GetProperty("row").GetInt32() == row)
                .GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToArray();

        var chinese = (await Import("district.admin", "experts", Upload(rows), 200)).Json();
        Assert.Equal(0, chinese.GetProperty("created").GetInt32());
        Assert.Equal(["专业领域: 请填写专业领域。"], ErrorsOf(chinese, 2));
        Assert.Equal(["纬度: '北纬' 不是数字。"], ErrorsOf(chinese, 3));

        var english = (await app.As("district.admin", s =>
        {
            s.WithRequestHeader("Accept-Language", "en");
            s.Post.MultipartFormData(Upload(rows)).ToUrl("/api/emergency/experts/import");
            s.StatusCodeShouldBe(200);
        })).Json();
        Assert.Equal(0, english.GetProperty("created").GetInt32());
        Assert.Equal(["专业领域: Enter the expert's speciality."], ErrorsOf(english, 2));
        Assert.Equal(["纬度: '北纬' is not a number."], ErrorsOf(english, 3));
    }

    [Fact]
    public async Task expert_rows_are_registered_bad_rows_reported_and_a_second_upload_creates_nothing()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        Dictionary<string, object> Row(string name, string speciality, object lat, object lon) => new()
        {
            ["名称"] = name, ["类别"] = "危化", ["位置"] = "", ["纬度"] = lat, ["经度"] = lon, ["联系电话"] = "13800000000", ["备注"] = "",
            ["专业领域"] = speciality, ["工作单位"] = "上海化工研究院"
        };
        var rows = new[]
        {
            Row($"{tag}专家甲", "化工工艺安全", "", ""),
            Row($"{tag}专家乙", "电气安全", 31.3, 121.2),
            Row($"{tag}专家丙", "", "", ""),              // no speciality
            Row($"{tag}专家丁", "消防", "北纬", 121.2),     // latitude not a number
            Row($"{tag}专家甲", "化工工艺安全", "", ""),   // the same expert again
        };

        var first = (await Import("district.admin", "experts", Upload(rows), 200)).Json();
        Assert.Equal(2, first.GetProperty("created").GetInt32());
        Assert.Equal(1, first.GetProperty("skipped").GetInt32());
        var rejected = first.GetProperty("rejected").EnumerateArray()
            .ToDictionary(r => r.GetProperty("row").GetInt32(), r => r.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList());
        Assert.Equal([4, 5], rejected.Keys.Order().ToArray());
        Assert.Contains(rejected[4], e => e.StartsWith("专业领域"));
        Assert.Contains(rejected[5], e => e.StartsWith("纬度"));

        var second = (await Import("district.admin", "experts", Upload(rows), 200)).Json();
        Assert.Equal(0, second.GetProperty("created").GetInt32());
        Assert.Equal(3, second.GetProperty("skipped").GetInt32());

        var found = await app.Get("town.anting", $"/api/emergency/experts?q={tag}");   // district experts are public to towns
        Assert.Equal([$"{tag}专家乙", $"{tag}专家甲"], found.Names().Order().ToArray());
    }

    [Fact]
    public async Task supplies_and_fire_facilities_import_for_the_callers_own_organisation_and_follow_the_template()
    {
        var template = await app.As("town.nanxiang", s => s.Get.Url("/api/emergency/supplies/import/template"));
        using var copy = new MemoryStream();
        await template.Context.Response.Body.CopyToAsync(copy);
        copy.Position = 0;
        var example = copy.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Single();
        Assert.Contains("数量", example.Keys);
        Assert.Contains("有效期至", example.Keys);

        var tag = Guid.NewGuid().ToString("N")[..6];
        var supplies = new[]
        {
            new Dictionary<string, object> { ["名称"] = $"{tag}灭火毯", ["类别"] = "消防器材", ["位置"] = "镇仓库", ["数量"] = 50, ["单位"] = "条", ["有效期至"] = "2027-05-01" },
            new Dictionary<string, object> { ["名称"] = $"{tag}沙袋", ["类别"] = "防汛物资", ["位置"] = "镇仓库", ["数量"] = "", ["单位"] = "只", ["有效期至"] = "" },
        };
        var report = (await Import("town.nanxiang", "supplies", Upload(supplies), 200)).Json();
        Assert.Equal(1, report.GetProperty("created").GetInt32());
        Assert.Contains(report.GetProperty("rejected")[0].GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith("数量"));
        var imported = (await app.Get("town.nanxiang", $"/api/emergency/supplies?q={tag}")).GetProperty("items")[0];
        Assert.Equal("南翔镇", imported.GetProperty("townName").GetString());
        Assert.Equal("2027-05-01", imported.GetProperty("details").GetProperty("expiresOn").GetString());

        var facilities = new[] { new Dictionary<string, object> { ["名称"] = $"{tag}消火栓", ["类别"] = "室外消火栓", ["位置"] = "企业东门", ["纬度"] = 31.29, ["经度"] = 121.32, ["最近检查日期"] = "2026-10-15" } };
        Assert.Equal(1, (await Import("ent.demo1", "fire-facilities", Upload(facilities), 200)).Json().GetProperty("created").GetInt32());
        var facility = (await app.Get("ent.demo1", $"/api/emergency/fire-facilities?q={tag}")).GetProperty("items")[0];
        Assert.Equal(await app.OrganisationOf("ent.demo1"), facility.GetProperty("enterpriseId").GetGuid());

        var noQuantityColumn = new[] { new Dictionary<string, object> { ["名称"] = "缺列物资", ["单位"] = "件" } };
        (await Import("town.nanxiang", "supplies", Upload(noQuantityColumn), 400)).ShouldBeProblem(400);
        (await Import("town.nanxiang", "teams", Upload(supplies), 404)).ShouldBeProblem(404);   // teams are not imported
        (await Import("auditor", "supplies", Upload(supplies), 403)).ShouldBeProblem(403);
        var anting = await app.TownNamed("安亭镇");
        await Import("town.nanxiang", "supplies", Upload(supplies), 404, anting);
    }
}
