using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;
using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit;

namespace AnJiaXing.IntegrationTests.Enterprises;

public class when_registering_enterprises(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task a_town_supervisor_registers_an_enterprise_of_their_town_and_reads_it_back()
    {
        var townId = await app.TownId("南翔镇");
        var code = EnterpriseTestData.NewCreditCode();
        var created = await app.As("town.nanxiang", s =>
        {
            s.Post.Json(EnterpriseTestData.Body("上海登记测试化工有限公司", code.ToLowerInvariant(), townId, "HazardousChemicals", "FactoriesAndWarehouses"))
                .ToUrl("/api/enterprises");
            s.StatusCodeShouldBe(201);
        });
        var id = created.Json().GetProperty("id").GetGuid();
        Assert.Equal(1, created.Json().GetProperty("version").GetInt64());
        Assert.Equal($"/api/enterprises/{id}", created.Context.Response.Headers.Location.ToString());

        var read = await app.As("town.nanxiang", s => s.Get.Url($"/api/enterprises/{id}"));
        var json = read.Json();
        Assert.Equal(code, json.GetProperty("creditCode").GetString());
        Assert.Equal("南翔镇", json.GetProperty("townName").GetString());
        Assert.Equal("\"1\"", read.Context.Response.Headers.ETag.ToString());

        await using var session = app.Store.QuerySession();
        var organisation = await session.LoadAsync<Organisation>(id);
        Assert.Equal(OrganisationKind.Enterprise, organisation!.Kind);
        Assert.Equal(townId, organisation.TownId);
        var events = await session.Events.FetchStreamAsync(id);
        var registered = Assert.IsType<EnterpriseRegistered>(Assert.Single(events).Data);
        Assert.Equal("南翔镇安监 张明", registered.By.Name);
    }

    [Fact]
    public async Task the_enterprise_read_model_json_matches_its_snapshot()
    {
        var townId = await app.TownId("安亭镇");
        var created = await app.As("district.admin", s =>
        {
            s.Post.Json(new
            {
                name = "上海快照测试建设工程项目部", creditCode = CreditCode.Complete("91310114MA7PHT001"), address = "安亭镇墨玉路88号",
                townId, domains = new[] { "ConstructionSites" }, scale = "大型", legalRepresentative = "王五", safetyManager = "赵六",
                contactPhone = "021-69001234", latitude = 31.29, longitude = 121.16
            }).ToUrl("/api/enterprises");
            s.StatusCodeShouldBe(201);
        });
        var id = created.Json().GetProperty("id").GetGuid();

        var read = await app.As("district.admin", s => s.Get.Url($"/api/enterprises/{id}"));
        Snapshot.Match(JObject.Parse(read.ReadAsText()), o => o.IgnoreFields("id").IgnoreFields("townId").IgnoreFields("registeredAt").IgnoreFields("updatedAt"));

        var file = await app.As("district.admin", s => s.Get.Url($"/api/enterprises/{id}/file"));
        Snapshot.Match(JObject.Parse(file.ReadAsText()), new SnapshotNameExtension("file"),
            o => o.IgnoreFields("id").IgnoreFields("basic.townId").IgnoreFields("basic.registeredAt").IgnoreFields("asOf").IgnoreFields("hazards.trend")
                .IgnoreFields("monitoring.asOf"));
    }

    [Fact]
    public async Task a_credit_code_already_registered_is_refused_with_409_and_nothing_is_appended()
    {
        var townId = await app.TownId("南翔镇");
        var code = EnterpriseTestData.NewCreditCode();
        await app.As("town.nanxiang", s =>
        {
            s.Post.Json(EnterpriseTestData.Body("上海重复一号有限公司", code, townId)).ToUrl("/api/enterprises");
            s.StatusCodeShouldBe(201);
        });
        var second = await app.As("district.admin", s =>
        {
            s.Post.Json(EnterpriseTestData.Body("上海重复二号有限公司", code.ToLowerInvariant(), townId)).ToUrl("/api/enterprises");
            s.StatusCodeShouldBe(409);
        });
        Assert.Contains(code, second.ShouldBeProblem(409).GetProperty("detail").GetString());

        await using var session = app.Store.QuerySession();
        Assert.Equal(1, await session.Query<Enterprise>().CountAsync(e => e.CreditCode == code));
    }

    [Fact]
    public async Task concurrent_registrations_of_one_code_leave_exactly_one_enterprise()
    {
        var townId = await app.TownId("马陆镇");
        var code = EnterpriseTestData.NewCreditCode();
        var token = await app.TokenFor("district.admin");
        var attempts = Enumerable.Range(0, 6).Select(i => app.Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            s.Post.Json(EnterpriseTestData.Body($"上海并发{i}号有限公司", code, townId)).ToUrl("/api/enterprises");
            s.IgnoreStatusCode();
        }));
        var statuses = (await Task.WhenAll(attempts)).Select(r => r.Context.Response.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == 201));
        Assert.All(statuses.Where(s => s != 201), s => Assert.Equal(409, s));

        await using var session = app.Store.QuerySession();
        Assert.Equal(1, await session.Query<Enterprise>().CountAsync(e => e.CreditCode == code));
    }

    [Theory]
    [InlineData("91310114MA1000001X", "check character")]
    [InlineData("91310114MA100000", "18 characters")]
    [InlineData("91310114MA1O00001A", "'O'")]
    public async Task an_invalid_credit_code_is_a_400_naming_the_field(string code, string expected)
    {
        var townId = await app.TownId("南翔镇");
        var result = await app.As("town.nanxiang", s =>
        {
            s.Post.Json(EnterpriseTestData.Body("上海无效代码有限公司", code, townId)).ToUrl("/api/enterprises");
            s.StatusCodeShouldBe(400);
        });
        var errors = result.ShouldBeProblem(400).GetProperty("errors").GetProperty("creditCode");
        Assert.Contains(expected, errors[0].GetString());
    }

    [Fact]
    public async Task another_towns_supervisor_may_not_register_there_and_cannot_see_its_enterprises()
    {
        var antingId = await app.TownId("安亭镇");
        var refused = await app.As("town.nanxiang", s =>
        {
            s.Post.Json(EnterpriseTestData.Body("上海越权登记有限公司", EnterpriseTestData.NewCreditCode(), antingId)).ToUrl("/api/enterprises");
            s.StatusCodeShouldBe(403);
        });
        refused.ShouldBeProblem(403);

        var antingEnterprise = await app.Register("town.anting", "上海安亭保密测试有限公司", "安亭镇");
        (await app.As("town.nanxiang", s => { s.Get.Url($"/api/enterprises/{antingEnterprise}"); s.StatusCodeShouldBe(404); })).ShouldBeProblem(404);
        await app.As("town.nanxiang", s => { s.Get.Url($"/api/enterprises/{antingEnterprise}/file"); s.StatusCodeShouldBe(404); });
        await app.As("town.nanxiang", s => { s.Post.Json(new { reason = "x" }).ToUrl($"/api/enterprises/{antingEnterprise}/disable"); s.StatusCodeShouldBe(404); });
        await app.As("town.anting", s => { s.Get.Url($"/api/enterprises/{antingEnterprise}"); s.StatusCodeShouldBe(200); });
    }

    [Fact]
    public async Task departments_read_enterprises_of_their_domains_only_and_may_not_manage_them()
    {
        var construction = await app.Register("district.admin", "上海部门可见工地项目部", "徐行镇", "ConstructionSites");
        var chemicals = await app.Register("district.admin", "上海部门不可见化工有限公司", "徐行镇", "HazardousChemicals");

        await app.As("dept.construction", s => { s.Get.Url($"/api/enterprises/{construction}"); s.StatusCodeShouldBe(200); });
        await app.As("dept.construction", s => { s.Get.Url($"/api/enterprises/{chemicals}"); s.StatusCodeShouldBe(404); });
        await app.As("dept.construction", s => { s.Post.Json(new { reason = "x" }).ToUrl($"/api/enterprises/{construction}/disable"); s.StatusCodeShouldBe(403); });
        await app.As("auditor", s => { s.Get.Url($"/api/enterprises/{chemicals}"); s.StatusCodeShouldBe(200); });
    }

    [Fact]
    public async Task an_update_with_a_stale_if_match_is_409_and_a_current_one_moves_the_organisation_too()
    {
        var id = await app.Register("district.admin", "上海更新前有限公司", "华亭镇");
        var waigang = await app.TownId("外冈镇");
        var body = EnterpriseTestData.Body("上海更新后有限公司", EnterpriseTestData.NewCreditCode(), waigang, "FactoriesAndWarehouses");

        await app.As("district.admin", s =>
        {
            s.Put.Json(body).ToUrl($"/api/enterprises/{id}");
            s.WithRequestHeader("If-Match", "\"7\"");
            s.StatusCodeShouldBe(409);
        });
        var ok = await app.As("district.admin", s =>
        {
            s.Put.Json(body).ToUrl($"/api/enterprises/{id}");
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(200);
        });
        Assert.Equal(2, ok.Json().GetProperty("version").GetInt64());

        await using var session = app.Store.QuerySession();
        var organisation = await session.LoadAsync<Organisation>(id);
        Assert.Equal("上海更新后有限公司", organisation!.Name);
        Assert.Equal(waigang, organisation.TownId);
        Assert.Equal([IndustryDomain.FactoriesAndWarehouses], organisation.Domains);
        var file = await session.LoadAsync<EnterpriseFile>(id);
        Assert.Equal("外冈镇", file!.Basic.TownName);
    }

    [Fact]
    public async Task a_town_supervisor_may_not_move_an_enterprise_into_another_town()
    {
        var id = await app.Register("town.nanxiang", "上海搬迁测试有限公司", "南翔镇");
        var anting = await app.TownId("安亭镇");
        await app.As("town.nanxiang", s =>
        {
            s.Put.Json(EnterpriseTestData.Body("上海搬迁测试有限公司", EnterpriseTestData.NewCreditCode(), anting)).ToUrl($"/api/enterprises/{id}");
            s.StatusCodeShouldBe(403);
        });
        await using var session = app.Store.QuerySession();
        Assert.Equal(1, (await session.Events.FetchStreamStateAsync(id))!.Version);
    }

    [Fact]
    public async Task the_openapi_document_lists_the_enterprise_routes()
    {
        var doc = await app.Host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json"));
        var paths = doc.Json().GetProperty("paths");
        foreach (var route in new[] { "/api/enterprises", "/api/enterprises/{id}", "/api/enterprises/{id}/disable", "/api/enterprises/{id}/enable",
                     "/api/enterprises/{id}/accounts", "/api/enterprises/import", "/api/enterprises/import/template", "/api/enterprises/{id}/file" })
            Assert.True(paths.TryGetProperty(route, out _), route);
    }
}
