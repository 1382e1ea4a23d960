using System.Diagnostics;
using System.Text;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;
using MiniExcelLibs;
using Xunit.Abstractions;
using static AnJiaXing.IntegrationTests.Enterprises.EnterpriseTestData;

namespace AnJiaXing.IntegrationTests.Enterprises;

public class when_importing_enterprises(AppFixture app, ITestOutputHelper output) : IClassFixture<AppFixture>
{
    private const string CsvType = "text/csv";
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Fact]
    public async Task good_rows_are_registered_bad_rows_reported_and_duplicates_skipped()
    {
        string good1 = NewCreditCode(), good2 = NewCreditCode(), existing = NewCreditCode();
        var nanxiang = await app.TownId("南翔镇");
        await app.As("district.admin", s =>
        {
            s.Post.Json(Body("上海已登记企业有限公司", existing, nanxiang)).ToUrl("/api/enterprises");
            s.StatusCodeShouldBe(201);
        });
        var wrongCheck = good1[..17] + (good1[17] == '0' ? '1' : '0');

        var csv = Csv(CsvHeader,
            $"上海导入一号化工有限公司,{good1},南翔镇某路1号,南翔镇,危化、厂房仓库,中型,张一,李一,021-59000001",
            $"上海导入二号工贸有限公司,{good2.ToLowerInvariant()},马陆镇某路2号,马陆镇,IndustryAndTrade;重点工贸,,,,",
            $"上海导入坏代码有限公司,{wrongCheck},外冈镇某路3号,外冈镇,危化,,,,",
            $"上海导入坏街镇有限公司,{NewCreditCode()},某路4号,火星镇,危化,,,,",
            $"上海导入坏领域有限公司,{NewCreditCode()},某路5号,南翔镇,航天,,,,",
            $",{NewCreditCode()},,南翔镇,危化,,,,",
            $"上海已登记企业有限公司,{existing},南翔镇某路6号,南翔镇,重点工贸,,,,",
            $"上海导入一号重复行有限公司,{good1},南翔镇某路1号,南翔镇,危化,,,,");
        var result = await app.Import("district.admin", Upload(csv, "enterprises.csv", CsvType), 200);
        var report = result.Json();

        Assert.Equal(2, report.GetProperty("created").GetInt32());
        Assert.Equal(2, report.GetProperty("skipped").GetInt32());
        var rejected = report.GetProperty("rejected").EnumerateArray()
            .ToDictionary(r => r.GetProperty("row").GetInt32(), r => r.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList());
        Assert.Equal([4, 5, 6, 7], rejected.Keys.Order().ToArray());
        Assert.Contains(rejected[4], e => e.StartsWith("统一社会信用代码") && e.Contains("check character"));
        Assert.Contains(rejected[5], e => e.Contains("火星镇"));
        Assert.Contains(rejected[6], e => e.Contains("航天"));
        Assert.Contains(rejected[7], e => e.StartsWith("企业名称"));
        Assert.Contains(rejected[7], e => e.StartsWith("地址"));

        await using var session = app.Store.QuerySession();
        Assert.Equal("马陆镇", (await session.Query<Enterprise>().SingleAsync(e => e.CreditCode == good2)).TownName);
        var imported = await session.Query<Enterprise>().SingleAsync(e => e.CreditCode == good1);
        Assert.Equal("上海导入一号化工有限公司", imported.Name);
        Assert.Equal([Platform.Organisations.IndustryDomain.HazardousChemicals, Platform.Organisations.IndustryDomain.FactoriesAndWarehouses], imported.Domains);
        Assert.Equal("南翔镇", imported.TownName);
        var events = await session.Events.FetchStreamAsync(imported.Id);
        Assert.Equal("district.admin", events.Single().UserName);
    }

    [Fact]
    public async Task an_xlsx_upload_is_read_and_the_same_file_twice_creates_nothing_the_second_time()
    {
        var rows = Enumerable.Range(1, 5).Select(i => new Dictionary<string, object>
        {
            ["企业名称"] = $"上海表格导入{i}号有限公司", ["统一社会信用代码"] = NewCreditCode(), ["地址"] = $"安亭镇某路{i}号",
            ["所属街镇"] = "安亭镇", ["行业领域"] = "建筑工地", ["规模"] = "小型", ["法定代表人"] = "王", ["安全负责人"] = "李", ["联系电话"] = "021-69000000"
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        var xlsx = stream.ToArray();

        var first = (await app.Import("town.anting", Upload(xlsx, "enterprises.xlsx", XlsxType), 200)).Json();
        Assert.Equal(5, first.GetProperty("created").GetInt32());
        Assert.Equal(0, first.GetProperty("rejected").GetArrayLength());

        var second = (await app.Import("town.anting", Upload(xlsx, "enterprises.xlsx", XlsxType), 200)).Json();
        Assert.Equal(0, second.GetProperty("created").GetInt32());
        Assert.Equal(5, second.GetProperty("skipped").GetInt32());

        await using var session = app.Store.QuerySession();
        Assert.Equal(5, await session.Query<Enterprise>().CountAsync(e => e.Name.StartsWith("上海表格导入")));
    }

    [Fact]
    public async Task rows_of_another_town_are_rejected_for_a_town_supervisor()
    {
        var csv = Csv(CsvHeader, $"上海越权导入有限公司,{NewCreditCode()},安亭镇某路,安亭镇,危化,,,,");
        var report = (await app.Import("town.nanxiang", Upload(csv, "e.csv", CsvType), 200)).Json();
        Assert.Equal(0, report.GetProperty("created").GetInt32());
        Assert.Contains("安亭镇", report.GetProperty("rejected")[0].GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task a_csv_saved_by_excel_on_chinese_windows_in_gbk_is_read_without_being_told()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var gbk = System.Text.Encoding.GetEncoding("GBK");
        var code = NewCreditCode();
        var csv = gbk.GetBytes(string.Join("\r\n", CsvHeader, $"上海嘉定国标编码测试有限公司,{code},嘉定区国标路1号,南翔镇,危化,小型,张三,李四,021-59001234") + "\r\n");
        Assert.Throws<System.Text.DecoderFallbackException>(() => new System.Text.UTF8Encoding(false, true).GetString(csv));

        var report = (await app.Import("district.admin", Upload(csv, "gbk.csv", CsvType), 200)).Json();
        Assert.Equal(1, report.GetProperty("created").GetInt32());
        var found = (await app.As("district.admin", s => s.Get.Url("/api/enterprises").QueryString("q", code))).Json().GetProperty("items");
        Assert.Equal("上海嘉定国标编码测试有限公司", found[0].GetProperty("name").GetString());
        Assert.Equal("嘉定区国标路1号", found[0].GetProperty("address").GetString());
    }

    [Fact]
    public async Task a_workbook_that_expands_beyond_the_limits_is_413_and_imports_nothing()
    {
        // 1 MB of upload that expands to 200 MB: the sizes are checked while decompressing, before any parser runs.
        using var bomb = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(bomb, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var part = zip.CreateEntry("xl/worksheets/sheet1.xml", System.IO.Compression.CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 200; i++) await part.WriteAsync(zeros);
        }
        Assert.True(bomb.Length < 2 * 1024 * 1024);
        var before = await EnterpriseCount();
        var refused = await app.Import("district.admin", Upload(bomb.ToArray(), "bomb.xlsx", XlsxType), 413);
        refused.ShouldBeProblem(413);
        Assert.Equal(before, await EnterpriseCount());

        var rows = Enumerable.Range(0, 20_001).Select(i => $"企业{i},{NewCreditCode()},嘉定区某路{i}号,南翔镇,危化,小型,法人{i},安全员{i},021-5900{i:D4}").Prepend(CsvHeader);
        (await app.Import("district.admin", Upload(Csv([.. rows]), "many.csv", CsvType), 413)).ShouldBeProblem(413);
        Assert.Equal(before, await EnterpriseCount());
    }

    private async Task<int> EnterpriseCount()
    {
        await using var session = app.Store.QuerySession();
        return await session.Query<AnJiaXing.Registry.Enterprises.Enterprise>().CountAsync();
    }

    [Fact]
    public async Task a_file_that_is_not_a_spreadsheet_is_415_and_a_sheet_without_the_columns_is_400()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0xFF, 0xFE };
        (await app.Import("district.admin", Upload(png, "photo.csv", CsvType), 415)).ShouldBeProblem(415);

        var zipNotXlsx = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x01, 0x02 };
        (await app.Import("district.admin", Upload(zipNotXlsx, "fake.xlsx", XlsxType), 415)).ShouldBeProblem(415);

        var text = Encoding.UTF8.GetBytes("hello, world\nthis is not the template\n");
        (await app.Import("district.admin", Upload(text, "notes.csv", CsvType), 415)).ShouldBeProblem(415);

        var partial = Csv("企业名称,统一社会信用代码", $"上海缺列有限公司,{NewCreditCode()}");
        var missing = (await app.Import("district.admin", Upload(partial, "partial.csv", CsvType), 400)).ShouldBeProblem(400);
        Assert.Contains("所属街镇", missing.GetProperty("errors").GetProperty("file")[0].GetString());

        var json = await app.As("district.admin", s =>
        {
            s.Post.Json(new { name = "x" }).ToUrl("/api/enterprises/import");
            s.StatusCodeShouldBe(415);
        });
        json.ShouldBeProblem(415);
    }

    [Fact]
    public async Task the_template_is_an_xlsx_with_the_chinese_headers_that_imports_cleanly()
    {
        var template = await app.As("town.nanxiang", s =>
        {
            s.Get.Url("/api/enterprises/import/template");
            s.ContentTypeShouldBe(XlsxType);
        });
        var body = template.Context.Response.Body;
        if (body.CanSeek) body.Position = 0;
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy);
        var bytes = copy.ToArray();
        using var stream = new MemoryStream(bytes);
        var header = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().First();
        Assert.Equal(["企业名称", "统一社会信用代码", "地址", "所属街镇", "行业领域", "规模", "法定代表人", "安全负责人", "联系电话"], header.Keys.ToArray());

        var report = (await app.Import("town.nanxiang", Upload(bytes, "template.xlsx", XlsxType), 200)).Json();
        Assert.Equal(1, report.GetProperty("created").GetInt32() + report.GetProperty("skipped").GetInt32());
    }

    [Fact]
    public async Task ten_thousand_rows_are_imported()
    {
        var towns = new[] { "嘉定镇街道", "新成路街道", "真新街道", "南翔镇", "安亭镇", "马陆镇", "徐行镇", "华亭镇", "外冈镇", "江桥镇", "菊园新区", "嘉定工业区" };
        var domains = new[] { "危化", "重点工贸", "建筑工地", "厂房仓库", "HazardousChemicals、CrowdedPlaces" };
        var lines = new List<string> { CsvHeader };
        for (var i = 0; i < 10_000; i++)
        {
            var code = CreditCode.Complete($"91310114B{i:D8}");
            lines.Add($"上海批量导入{i}号有限公司,{code},嘉定区某路{i}号,{towns[i % towns.Length]},{domains[i % domains.Length]},小型,法人{i},安全员{i},021-{59000000 + i}");
        }
        var csv = Csv([.. lines]);

        var watch = Stopwatch.StartNew();
        var report = (await app.Import("district.admin", Upload(csv, "bulk.csv", CsvType), 200)).Json();
        watch.Stop();
        output.WriteLine($"Imported 10,000 rows ({csv.Length / 1024} KiB CSV) in {watch.Elapsed.TotalSeconds:F1} s");

        Assert.Equal(10_000, report.GetProperty("created").GetInt32());
        Assert.Equal(0, report.GetProperty("rejected").GetArrayLength());
        await using var session = app.Store.QuerySession();
        Assert.Equal(10_000, await session.Query<Enterprise>().CountAsync(e => e.Name.StartsWith("上海批量导入")));
        Assert.Equal(10_000, await session.Query<EnterpriseFile>().CountAsync(f => f.Basic.Name.StartsWith("上海批量导入")));
    }
}
