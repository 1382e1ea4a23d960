using AnJiaXing.IntegrationTests.Infrastructure;

namespace AnJiaXing.IntegrationTests.Monitoring;

public class when_registering_equipment_and_certificates(MonitoringFixture app) : IClassFixture<MonitoringFixture>
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private async Task<Guid> Equipment(string username, Guid enterpriseId, string name, DateOnly expiresOn, int status = 201)
    {
        var result = await app.As(username, s =>
        {
            s.Post.Json(new { enterpriseId, name, kind = "气体检测报警", code = "GD-1", location = "甲类仓库", expiresOn }).ToUrl("/api/equipment");
            s.StatusCodeShouldBe(status);
        });
        return status == 201 ? result.Json().GetProperty("id").GetGuid() : Guid.Empty;
    }

    [Fact]
    public async Task expiring_and_expired_items_are_warned_in_scope_soonest_first()
    {
        var soon = await Equipment("ent.demo1", app.Chemicals, "可燃气体报警控制器", Today.AddDays(10));
        var expired = await Equipment("town.nanxiang", app.Chemicals, "正压式空气呼吸器", Today.AddDays(-2));
        var later = await Equipment("ent.demo1", app.Chemicals, "防爆风机", Today.AddDays(90));
        var certificate = (await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { enterpriseId = app.Chemicals, holderName = "李强", kind = "特种作业操作证", number = "T310114", expiresOn = Today.AddDays(20) })
                .ToUrl("/api/certificates");
            s.StatusCodeShouldBe(201);
        })).Json().GetProperty("id").GetGuid();
        var elsewhere = await Equipment("ent.demo2", app.Metals, "行车限位器", Today.AddDays(5));

        var warnings = (await app.As("ent.demo1", s => s.Get.Url("/api/expiry-warnings?within=30"))).Json().EnumerateArray().ToList();
        Assert.Equal([expired, soon, certificate], warnings.Select(w => w.GetProperty("id").GetGuid()));
        Assert.True(warnings[0].GetProperty("expired").GetBoolean());
        Assert.Equal(-2, warnings[0].GetProperty("daysLeft").GetInt32());
        Assert.Equal("Certificate", warnings[2].GetProperty("kind").GetString());

        var town = (await app.As("town.nanxiang", s => s.Get.Url("/api/expiry-warnings?within=30"))).Json().EnumerateArray().Select(w => w.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(elsewhere, town);
        Assert.DoesNotContain(later, town);
        var anting = (await app.As("town.anting", s => s.Get.Url("/api/expiry-warnings?within=365"))).Json().EnumerateArray().Select(w => w.GetProperty("id").GetGuid()).ToList();
        Assert.DoesNotContain(soon, anting);

        var listed = (await app.As("ent.demo1", s => s.Get.Url($"/api/equipment?enterpriseId={app.Chemicals}&expiringWithin=100"))).Json();
        Assert.Equal([expired, soon, later], listed.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("id").GetGuid()));
        var certificates = (await app.As("dept.emergency", s => s.Get.Url($"/api/certificates?enterpriseId={app.Chemicals}&expiringWithin=30"))).Json();
        Assert.Equal(1, certificates.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task registers_refuse_outside_scope_bad_dates_and_read_only_roles()
    {
        await Equipment("ent.demo2", app.Chemicals, "x", Today, 404);
        await Equipment("auditor", app.Chemicals, "x", Today, 403);
        var bad = (await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { enterpriseId = app.Chemicals, holderName = "李强", kind = "证", number = "1", issuedOn = Today, expiresOn = Today.AddDays(-1) }).ToUrl("/api/certificates");
            s.StatusCodeShouldBe(400);
        })).ShouldBeProblem(400);
        Assert.True(bad.GetProperty("errors").TryGetProperty("issuedOn", out _));
        await app.As("ent.demo1", s => { s.Get.Url("/api/expiry-warnings?within=-1"); s.StatusCodeShouldBe(400); });
    }
}

public class when_importing_equipment(MonitoringFixture app) : IClassFixture<MonitoringFixture>
{
    private static MultipartFormDataContent Upload(byte[] bytes, string name, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { content, "file", name } };
    }

    private async Task<System.Text.Json.JsonElement> Import(string username, Guid enterpriseId, byte[] bytes, string name, string type, int status = 200)
    {
        var result = await app.As(username, s =>
        {
            s.Post.MultipartFormData(Upload(bytes, name, type)).ToUrl("/api/equipment/import").QueryString("enterpriseId", enterpriseId.ToString());
            s.StatusCodeShouldBe(status);
        });
        return result.Json();
    }

    [Fact]
    public async Task rows_are_judged_one_by_one_and_a_second_upload_creates_nothing()
    {
        var csv = System.Text.Encoding.UTF8.GetBytes(string.Join('\n',
            "设备名称,设备类别,设备编号,安装位置,检验日期,有效期至,提前提醒天数",
            "可燃气体报警控制器,气体检测报警,IMP-1,甲类仓库,2026-06-01,2027-05-31,30",
            "正压式空气呼吸器,个体防护,IMP-2,应急柜,,2027-01-15,",
            ",个体防护,IMP-3,,,2027-01-15,",
            "防爆风机,通风,IMP-4,,,2027-13-01,",
            "防爆风机,通风,IMP-1,,,2027-03-01,") + "\n");
        var first = await Import("ent.demo1", app.Chemicals, csv, "equipment.csv", "text/csv");
        Assert.Equal(2, first.GetProperty("created").GetInt32());
        Assert.Equal(1, first.GetProperty("skipped").GetInt32());
        Assert.Equal([4, 5], first.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("row").GetInt32()));

        var second = await Import("ent.demo1", app.Chemicals, csv, "equipment.csv", "text/csv");
        Assert.Equal(0, second.GetProperty("created").GetInt32());
        Assert.Equal(3, second.GetProperty("skipped").GetInt32());

        var listed = (await app.As("ent.demo1", s => s.Get.Url($"/api/equipment?enterpriseId={app.Chemicals}"))).Json();
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), x => x.GetProperty("code").GetString() == "IMP-2");
    }

    [Fact]
    public async Task the_template_imports_cleanly_and_scope_and_file_type_are_checked()
    {
        var template = await app.As("ent.demo1", s => s.Get.Url("/api/equipment/import/template"));
        Assert.StartsWith("application/vnd.openxmlformats", template.Context.Response.ContentType);
        using var buffer = new MemoryStream();
        if (template.Context.Response.Body.CanSeek) template.Context.Response.Body.Position = 0;
        await template.Context.Response.Body.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        var report = await Import("ent.demo1", app.Chemicals, bytes, "template.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Assert.Equal(1, report.GetProperty("created").GetInt32());
        Assert.Equal(0, report.GetProperty("rejected").GetArrayLength());

        await Import("ent.demo2", app.Chemicals, bytes, "template.xlsx", "application/octet-stream", 404);
        await Import("ent.demo1", app.Chemicals, [0xFF, 0xFE, 0x00, 0x01], "x.csv", "text/csv", 415);
    }
}

public class when_importing_certificates(MonitoringFixture app) : IClassFixture<MonitoringFixture>
{
    private async Task<System.Text.Json.JsonElement> Import(string username, Guid enterpriseId, byte[] bytes, string name, string type, int status = 200)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
        var result = await app.As(username, s =>
        {
            s.Post.MultipartFormData(new MultipartFormDataContent { { content, "file", name } }).ToUrl("/api/certificates/import")
                .QueryString("enterpriseId", enterpriseId.ToString());
            s.StatusCodeShouldBe(status);
        });
        return result.Json();
    }

    [Fact]
    public async Task rows_are_judged_one_by_one_a_gbk_csv_is_read_and_a_second_upload_creates_nothing()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var csv = System.Text.Encoding.GetEncoding("GB18030").GetBytes(string.Join("\r\n",
            "持证人或持证单位,证书类别,证书编号,发证日期,有效期至",
            "张伟,特种作业操作证,CIMP-1,2024-03-01,2030-02-28",
            "李娜,特种作业操作证,CIMP-2,,2027-01-15",
            "王强,安全生产许可证,CIMP-1,,2028-06-30",
            ",特种作业操作证,CIMP-3,,2027-01-15",
            "赵敏,特种作业操作证,CIMP-4,2027-02-01,2027-01-15",
            "刘洋,特种作业操作证,,,2027-01-15",
            "陈静,特种作业操作证,CIMP-1,,2029-01-01") + "\r\n");
        var first = await Import("ent.demo1", app.Chemicals, csv, "certificates.csv", "text/csv");
        Assert.Equal(3, first.GetProperty("created").GetInt32());
        Assert.Equal(1, first.GetProperty("skipped").GetInt32());
        var rejected = first.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([5, 6, 7], rejected.Select(r => r.GetProperty("row").GetInt32()));
        Assert.Contains("持证人或持证单位：必填", rejected[0].GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("发证日期：不能晚于有效期", rejected[1].GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("证书编号：必填", rejected[2].GetProperty("errors").EnumerateArray().Select(e => e.GetString()));

        var second = await Import("ent.demo1", app.Chemicals, csv, "certificates.csv", "text/csv");
        Assert.Equal(0, second.GetProperty("created").GetInt32());
        Assert.Equal(4, second.GetProperty("skipped").GetInt32());

        var listed = (await app.As("ent.demo1", s => s.Get.Url($"/api/certificates?enterpriseId={app.Chemicals}&pageSize=100"))).Json()
            .GetProperty("items").EnumerateArray().Where(x => x.GetProperty("number").GetString()!.StartsWith("CIMP-")).ToList();
        Assert.Equal(3, listed.Count);
        var licence = Assert.Single(listed, x => x.GetProperty("kind").GetString() == "安全生产许可证");
        Assert.Equal("王强", licence.GetProperty("holderName").GetString());
        Assert.Equal("2028-06-30", licence.GetProperty("expiresOn").GetString());
    }

    [Fact]
    public async Task the_template_imports_cleanly_and_scope_role_and_file_are_checked()
    {
        var template = await app.As("ent.demo1", s => s.Get.Url("/api/certificates/import/template"));
        Assert.StartsWith("application/vnd.openxmlformats", template.Context.Response.ContentType);
        using var buffer = new MemoryStream();
        if (template.Context.Response.Body.CanSeek) template.Context.Response.Body.Position = 0;
        await template.Context.Response.Body.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        var xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        var report = await Import("ent.demo1", app.Chemicals, bytes, "template.xlsx", xlsx);
        Assert.Equal(1, report.GetProperty("created").GetInt32());
        Assert.Equal(0, report.GetProperty("rejected").GetArrayLength());

        await Import("ent.demo2", app.Chemicals, bytes, "template.xlsx", xlsx, 404);
        await Import("auditor", app.Chemicals, bytes, "template.xlsx", xlsx, 403);
        await Import("ent.demo1", app.Chemicals, [0xFF, 0xFF, 0x00, 0x01], "x.csv", "text/csv", 415);
        var missing = await Import("ent.demo1", app.Chemicals, System.Text.Encoding.UTF8.GetBytes("证书类别,证书编号\n特种作业操作证,X-1\n"), "x.csv", "text/csv", 400);
        Assert.Contains("持证人或持证单位", missing.GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Contains("有效期至", missing.GetProperty("errors").GetProperty("file")[0].GetString());
    }
}
