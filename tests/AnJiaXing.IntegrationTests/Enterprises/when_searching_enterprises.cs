using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;

namespace AnJiaXing.IntegrationTests.Enterprises;

public class when_searching_enterprises(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<(long Total, List<string> Names)> Search(string user, string query)
    {
        var result = await app.As(user, s => s.Get.Url("/api/enterprises" + query));
        var json = result.Json();
        return (json.GetProperty("total").GetInt64(),
            json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList());
    }

    [Fact]
    public async Task q_matches_part_of_a_chinese_name_or_a_credit_code_in_any_case()
    {
        var id = await app.Register("district.admin", "上海检索专用甲醇储运有限公司", "江桥镇", "HazardousChemicals");
        var code = (await app.As("district.admin", s => s.Get.Url($"/api/enterprises/{id}"))).Json().GetProperty("creditCode").GetString()!;

        var byName = await Search("district.admin", "?q=" + Uri.EscapeDataString("甲醇储运"));
        Assert.Equal(["上海检索专用甲醇储运有限公司"], byName.Names);

        var byCode = await Search("district.admin", "?q=" + code[8..].ToLowerInvariant());
        Assert.Equal(["上海检索专用甲醇储运有限公司"], byCode.Names);
    }

    [Fact]
    public async Task filters_combine_and_pages_hold_the_total()
    {
        var waigang = await app.TownId("外冈镇");
        for (var i = 0; i < 3; i++) await app.Register("district.admin", $"上海过滤测试工地{i}号项目部", "外冈镇", "ConstructionSites");
        var disabled = await app.Register("district.admin", "上海过滤测试工地停用项目部", "外冈镇", "ConstructionSites");
        await app.As("district.admin", s => { s.Post.Json(new { reason = "完工" }).ToUrl($"/api/enterprises/{disabled}/disable"); s.StatusCodeShouldBe(200); });
        await app.Register("district.admin", "上海过滤测试仓库有限公司", "外冈镇", "FactoriesAndWarehouses");

        var q = "&q=" + Uri.EscapeDataString("过滤测试");
        var sites = await Search("district.admin", $"?townId={waigang}&domain=ConstructionSites{q}");
        Assert.Equal(4, sites.Total);
        var enabledSites = await Search("district.admin", $"?townId={waigang}&domain=ConstructionSites&enabled=true{q}");
        Assert.Equal(3, enabledSites.Total);
        Assert.DoesNotContain("上海过滤测试工地停用项目部", enabledSites.Names);

        var page2 = await Search("district.admin", $"?townId={waigang}{q}&page=2&pageSize=2");
        Assert.Equal(5, page2.Total);
        Assert.Equal(2, page2.Names.Count);

        await app.As("district.admin", s => { s.Get.Url("/api/enterprises?domain=Spaceflight"); s.StatusCodeShouldBe(400); });
        await app.As("district.admin", s => { s.Get.Url("/api/enterprises?pageSize=501"); s.StatusCodeShouldBe(400); });
    }

    [Fact]
    public async Task results_stay_within_the_callers_scope()
    {
        await app.Register("district.admin", "上海范围测试南翔化工有限公司", "南翔镇", "HazardousChemicals");
        await app.Register("district.admin", "上海范围测试安亭工地项目部", "安亭镇", "ConstructionSites");
        var q = "?q=" + Uri.EscapeDataString("范围测试");

        Assert.Equal(["上海范围测试南翔化工有限公司"], (await Search("town.nanxiang", q)).Names);
        Assert.Equal(["上海范围测试南翔化工有限公司"], (await Search("inspector.nanxiang", q)).Names);
        Assert.Equal(["上海范围测试安亭工地项目部"], (await Search("dept.construction", q)).Names);
        Assert.Equal(["上海范围测试南翔化工有限公司"], (await Search("dept.emergency", q)).Names);
        Assert.Equal(2, (await Search("auditor", q)).Total);

        var anting = await app.TownId("安亭镇");
        Assert.Equal(0, (await Search("town.nanxiang", $"?townId={anting}")).Total);
    }

    [Fact]
    public async Task the_demo_registry_has_the_seeded_enterprises_and_accounts()
    {
        var all = await Search("district.admin", "?pageSize=500");
        Assert.True(all.Total >= 60);
        foreach (var domain in new[] { "HazardousChemicals", "IndustryAndTrade", "ConstructionSites", "FactoriesAndWarehouses" })
            Assert.True((await Search("district.admin", $"?domain={domain}")).Total >= 10, domain);

        var me1 = (await app.As("ent.demo1", s => s.Get.Url("/api/me"))).Json();
        Assert.Equal("南翔镇", (await app.As("ent.demo1", s => s.Get.Url($"/api/enterprises/{me1.GetProperty("organisationId").GetGuid()}"))).Json().GetProperty("townName").GetString());
        var e1 = (await app.As("ent.demo1", s => s.Get.Url($"/api/enterprises/{me1.GetProperty("organisationId").GetGuid()}"))).Json();
        Assert.Contains("HazardousChemicals", e1.GetProperty("domains").EnumerateArray().Select(d => d.GetString()));
        var e2 = (await app.As("ent.demo2", s => s.Get.Url("/api/enterprises"))).Json().GetProperty("items")[0];
        Assert.Equal("南翔镇", e2.GetProperty("townName").GetString());
        Assert.Contains("IndustryAndTrade", e2.GetProperty("domains").EnumerateArray().Select(d => d.GetString()));
        var e3 = (await app.As("ent.demo3", s => s.Get.Url("/api/enterprises"))).Json().GetProperty("items")[0];
        Assert.Equal("安亭镇", e3.GetProperty("townName").GetString());
        Assert.Contains("ConstructionSites", e3.GetProperty("domains").EnumerateArray().Select(d => d.GetString()));
    }
}
