using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;
using Newtonsoft.Json.Linq;
using Snapshooter.Xunit;

namespace AnJiaXing.IntegrationTests.Checklists;

public class when_maintaining_checklists(AppFixture app) : IClassFixture<AppFixture>
{
    private static object Item(string code, string content, string level = "General", string legalBasis = "企业安全管理制度第3条") =>
        new { code, category = "现场管理", content, legalBasis, suggestedLevel = level };

    private async Task<Guid> PublishCustom(string username, string name, params object[] items)
    {
        var result = await app.As(username, s =>
        {
            s.Post.Json(new { name, kind = "Custom", items }).ToUrl("/api/checklists");
            s.StatusCodeShouldBe(201);
        });
        return result.Json().GetProperty("id").GetGuid();
    }

    private static List<string> Codes(JsonElement checklist) =>
        checklist.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!).ToList();

    [Fact]
    public async Task built_in_checklists_cover_the_four_key_domains_with_at_least_twenty_items_and_major_items()
    {
        var result = await app.As("town.nanxiang", s => s.Get.Url("/api/checklists?kind=Industry&pageSize=500"));
        var builtIn = result.Json().GetProperty("items").EnumerateArray().Where(c => c.GetProperty("builtIn").GetBoolean()).ToList();

        var domains = builtIn.Select(c => c.GetProperty("domain").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "HazardousChemicals", "IndustryAndTrade", "ConstructionSites", "FactoriesAndWarehouses" }, domains);
        foreach (var checklist in builtIn)
        {
            var items = checklist.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Count >= 20, $"{checklist.GetProperty("name")} has {items.Count} items");
            Assert.Contains(items, i => i.GetProperty("suggestedLevel").GetString() == "Major");
            Assert.Contains(items, i => i.GetProperty("suggestedLevel").GetString() == "General");
            Assert.All(items, i => Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("legalBasis").GetString())));
            Assert.Equal(1, checklist.GetProperty("version").GetInt32());
        }
    }

    [Fact]
    public async Task built_in_checklists_are_published_once_under_their_stable_id()
    {
        await using var session = app.Store.QuerySession();
        foreach (var builtIn in BuiltInChecklists.Load())
        {
            var state = await session.Events.FetchStreamStateAsync(builtIn.Id);
            Assert.NotNull(state);
            Assert.Equal(1, state!.Version);
        }

        // A second start-up finds them present and appends nothing.
        await new BuiltInChecklistPublisher(app.Store, Microsoft.Extensions.Logging.Abstractions.NullLogger<BuiltInChecklistPublisher>.Instance)
            .StartAsync(CancellationToken.None);
        foreach (var builtIn in BuiltInChecklists.Load())
            Assert.Equal(1, (await session.Events.FetchStreamStateAsync(builtIn.Id))!.Version);
    }

    [Fact]
    public async Task a_custom_checklist_is_seen_by_its_own_organisation_and_district_roles_only()
    {
        var id = await PublishCustom("town.nanxiang", "南翔镇 小微企业消防自查表", Item("NX-01", "灭火器在有效期内"), Item("NX-02", "疏散通道畅通"));

        var own = await app.As("town.nanxiang", s => s.Get.Url($"/api/checklists/{id}"));
        Assert.Equal("Custom", own.Json().GetProperty("kind").GetString());
        Assert.Equal("南翔镇", own.Json().GetProperty("ownerOrganisationName").GetString());
        await app.As("inspector.nanxiang", s => s.Get.Url($"/api/checklists/{id}"));
        await app.As("auditor", s => s.Get.Url($"/api/checklists/{id}"));

        var hidden = await app.As("town.anting", s =>
        {
            s.Get.Url($"/api/checklists/{id}");
            s.StatusCodeShouldBe(404);
        });
        hidden.ShouldBeProblem(404);

        var antingList = await app.As("town.anting", s => s.Get.Url("/api/checklists?kind=Custom&pageSize=500"));
        Assert.DoesNotContain(antingList.Json().GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        var adminList = await app.As("district.admin", s => s.Get.Url("/api/checklists?kind=Custom&pageSize=500"));
        Assert.Contains(adminList.Json().GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task an_edit_makes_version_two_while_version_one_stays_readable_unchanged()
    {
        var id = await PublishCustom("town.nanxiang", "南翔镇 仓库检查表", Item("W-01", "货物堆放整齐"), Item("W-02", "电气线路穿管保护"));

        var put = await app.As("inspector.nanxiang", s =>
        {
            s.Put.Json(new
            {
                name = "南翔镇 仓库检查表（修订）",
                items = new[] { Item("W-01", "货物堆放整齐，与灯具保持0.5米以上距离"), Item("W-03", "仓库内无人员住宿", "Major") },
                note = "增加三合一检查"
            }).ToUrl($"/api/checklists/{id}");
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(200);
            s.Header("ETag").SingleValueShouldEqual("\"2\"");
        });
        Assert.Equal(2, put.Json().GetProperty("version").GetInt32());

        var v1 = (await app.As("town.nanxiang", s => s.Get.Url($"/api/checklists/{id}?version=1"))).Json();
        Assert.Equal(1, v1.GetProperty("version").GetInt32());
        Assert.Equal("南翔镇 仓库检查表", v1.GetProperty("name").GetString());
        Assert.Equal(["W-01", "W-02"], Codes(v1));
        Assert.Equal("货物堆放整齐", v1.GetProperty("items")[0].GetProperty("content").GetString());

        var current = (await app.As("town.nanxiang", s => s.Get.Url($"/api/checklists/{id}"))).Json();
        Assert.Equal(2, current.GetProperty("version").GetInt32());
        Assert.Equal(["W-01", "W-03"], Codes(current));
        Assert.Equal("第三方检查员 刘洋", current.GetProperty("updatedBy").GetString());

        await app.As("town.nanxiang", s =>
        {
            s.Get.Url($"/api/checklists/{id}?version=3");
            s.StatusCodeShouldBe(404);
        });

        var history = (await app.As("town.nanxiang", s => s.Get.Url($"/api/checklists/{id}/versions"))).Json().EnumerateArray().ToList();
        Assert.Equal(["Published", "Revised"], history.Select(h => h.GetProperty("change").GetString()));
        Assert.Equal("第三方检查员 刘洋", history[1].GetProperty("by").GetProperty("name").GetString());
        Assert.Equal("增加三合一检查", history[1].GetProperty("note").GetString());
        await app.As("town.anting", s =>
        {
            s.Get.Url($"/api/checklists/{id}/versions");
            s.StatusCodeShouldBe(404);
        });

        await using var session = app.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        var revised = Assert.IsType<ChecklistRevised>(events[1].Data);
        Assert.Equal("增加三合一检查", revised.Note);
        Assert.Equal("inspector.nanxiang", events[1].UserName);
    }

    [Fact]
    public async Task a_stale_if_match_gets_409_and_appends_nothing()
    {
        var id = await PublishCustom("town.nanxiang", "并发修改测试表", Item("C-01", "一"));
        var body = new { name = "并发修改测试表", items = new[] { Item("C-01", "二") } };
        await app.As("town.nanxiang", s =>
        {
            s.Put.Json(body).ToUrl($"/api/checklists/{id}");
            s.WithRequestHeader("If-Match", "\"1\"");
        });

        var stale = await app.As("town.nanxiang", s =>
        {
            s.Put.Json(new { name = "并发修改测试表", items = new[] { Item("C-01", "三") } }).ToUrl($"/api/checklists/{id}");
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(409);
        });
        Assert.Equal(2, stale.ShouldBeProblem(409).GetProperty("currentVersion").GetInt32());

        // Repeating the accepted edit changes nothing and makes no version.
        await app.As("town.nanxiang", s =>
        {
            s.Put.Json(body).ToUrl($"/api/checklists/{id}");
            s.WithRequestHeader("If-Match", "\"2\"");
            s.StatusCodeShouldBe(200);
        });
        await using var session = app.Store.QuerySession();
        Assert.Equal(2, (await session.Events.FetchStreamStateAsync(id))!.Version);
    }

    /// <summary>The command path names the checklist in the caller's language, never the English noun in the Chinese text (issue 13).</summary>
    [Fact]
    public async Task a_stale_or_unknown_checklist_is_named_in_the_callers_language()
    {
        var id = await PublishCustom("town.nanxiang", "语言测试表", Item("L-01", "一"));
        await app.As("town.nanxiang", s =>
        {
            s.Put.Json(new { name = "语言测试表", items = new[] { Item("L-01", "二") } }).ToUrl($"/api/checklists/{id}");
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(200);
        });
        async Task<string> Refusal(Guid checklist, string? language, int status) =>
            (await app.As("town.nanxiang", s =>
            {
                if (language is not null) s.WithRequestHeader("Accept-Language", language);
                s.Put.Json(new { name = "语言测试表", items = new[] { Item("L-01", "三") } }).ToUrl($"/api/checklists/{checklist}");
                s.WithRequestHeader("If-Match", "\"1\"");
                s.StatusCodeShouldBe(status);
            })).ShouldBeProblem(status).GetProperty("detail").GetString()!;

        var stale = await Refusal(id, null, 409);
        Assert.Equal($"检查表“{id}”当前为第 2 版，而不是第 1 版；请重新读取后再试。", stale);
        Assert.DoesNotContain("Checklist", stale);
        var staleEnglish = await Refusal(id, "en", 409);
        Assert.Equal($"Checklist '{id}' is at version 2, not 1; read it again before retrying.", staleEnglish);
        Assert.DoesNotContain("检查表", staleEnglish);

        var unknown = Guid.NewGuid();
        Assert.Equal($"检查表“{unknown}”不存在。", await Refusal(unknown, null, 404));
        Assert.Equal($"Checklist '{unknown}' does not exist.", await Refusal(unknown, "en", 404));
    }

    [Fact]
    public async Task only_the_owning_organisation_edits_a_custom_checklist()
    {
        var id = await PublishCustom("town.nanxiang", "越权修改测试表", Item("E-01", "一"));
        var body = new { name = "被改了", items = new[] { Item("E-01", "二") } };

        await app.As("town.anting", s =>
        {
            s.Put.Json(body).ToUrl($"/api/checklists/{id}");
            s.StatusCodeShouldBe(404);
        });
        await app.As("auditor", s =>
        {
            s.Put.Json(body).ToUrl($"/api/checklists/{id}");
            s.StatusCodeShouldBe(403);
        });
        await app.As("dept.emergency", s =>
        {
            s.Put.Json(body).ToUrl($"/api/checklists/{id}");
            s.StatusCodeShouldBe(404);
        });
        await app.As("district.admin", s =>
        {
            s.Put.Json(body).ToUrl($"/api/checklists/{id}");
            s.StatusCodeShouldBe(200);
        });
    }

    [Fact]
    public async Task industry_and_recommended_checklists_are_maintained_by_district_admins_and_officers_of_the_domain()
    {
        var industry = new { name = "危化品仓储专项检查表", kind = "Recommended", domain = "HazardousChemicals", items = new[] { Item("R-01", "储存量不超过核定量", "Major") } };
        await app.As("town.nanxiang", s =>
        {
            s.Post.Json(industry).ToUrl("/api/checklists");
            s.StatusCodeShouldBe(403);
        });
        await app.As("dept.construction", s =>
        {
            s.Post.Json(industry).ToUrl("/api/checklists");
            s.StatusCodeShouldBe(403);
        });
        var created = await app.As("dept.emergency", s =>
        {
            s.Post.Json(industry).ToUrl("/api/checklists");
            s.StatusCodeShouldBe(201);
        });
        var id = created.Json().GetProperty("id").GetGuid();

        // Everyone reads it; an officer of another domain may not edit it.
        await app.As("town.anting", s => s.Get.Url($"/api/checklists/{id}"));
        await app.As("dept.construction", s =>
        {
            s.Put.Json(new { name = "改", items = industry.items }).ToUrl($"/api/checklists/{id}");
            s.StatusCodeShouldBe(403);
        });

        var hc = BuiltInChecklists.Load().Single(b => b.Domain == Platform.Organisations.IndustryDomain.HazardousChemicals);
        await app.As("town.nanxiang", s =>
        {
            s.Delete.Url($"/api/checklists/{hc.Id}");
            s.StatusCodeShouldBe(403);
        });
    }

    [Fact]
    public async Task bad_checklists_get_400_with_an_errors_map_and_nothing_is_published()
    {
        await using var before = app.Store.QuerySession();
        var count = await before.Query<Checklist>().CountAsync();

        var duplicate = await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { name = "重复编码", kind = "Custom", items = new[] { Item("D-01", "一"), Item("d-01", "二") } }).ToUrl("/api/checklists");
            s.StatusCodeShouldBe(400);
        });
        Assert.True(duplicate.ShouldBeProblem(400).GetProperty("errors").TryGetProperty("items", out _));

        var empty = await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { name = "", kind = "Custom", items = Array.Empty<object>() }).ToUrl("/api/checklists");
            s.StatusCodeShouldBe(400);
        });
        var errors = empty.ShouldBeProblem(400).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("items", out _));

        var noDomain = await app.As("district.admin", s =>
        {
            s.Post.Json(new { name = "无领域", kind = "Industry", items = new[] { Item("X-01", "一") } }).ToUrl("/api/checklists");
            s.StatusCodeShouldBe(400);
        });
        Assert.True(noDomain.ShouldBeProblem(400).GetProperty("errors").TryGetProperty("domain", out _));

        var badCode = await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { name = "坏编码", kind = "Custom", items = new[] { Item("编码 1", "一") } }).ToUrl("/api/checklists");
            s.StatusCodeShouldBe(400);
        });
        badCode.ShouldBeProblem(400);

        var noBasis = await app.As("district.admin", s =>
        {
            s.Post.Json(new { name = "无依据", kind = "Recommended", domain = "ConstructionSites", items = new[] { Item("X-01", "一", legalBasis: "") } })
                .ToUrl("/api/checklists");
            s.StatusCodeShouldBe(400);
        });
        noBasis.ShouldBeProblem(400);

        await app.As("town.nanxiang", s =>
        {
            s.Get.Url($"/api/checklists/{Guid.NewGuid()}?version=0");
            s.StatusCodeShouldBe(404);
        });

        await using var after = app.Store.QuerySession();
        Assert.Equal(count, await after.Query<Checklist>().CountAsync());
    }

    [Fact]
    public async Task favourites_belong_to_each_user()
    {
        var hc = BuiltInChecklists.Load().Single(b => b.Domain == Platform.Organisations.IndustryDomain.HazardousChemicals);
        var custom = await PublishCustom("town.nanxiang", "南翔镇 常用表", Item("F-01", "一"));

        await app.As("town.nanxiang", s => { s.Post.Url($"/api/checklists/{hc.Id}/favourite"); s.StatusCodeShouldBe(204); });
        await app.As("town.nanxiang", s => { s.Post.Url($"/api/checklists/{hc.Id}/favourite"); s.StatusCodeShouldBe(204); });
        await app.As("town.nanxiang", s => { s.Post.Url($"/api/checklists/{custom}/favourite"); s.StatusCodeShouldBe(204); });
        await app.As("town.anting", s => { s.Post.Url($"/api/checklists/{custom}/favourite"); s.StatusCodeShouldBe(404); });

        async Task<List<Guid>> Favourites(string user) =>
            (await app.As(user, s => s.Get.Url("/api/checklists/favourites"))).Json().EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();

        Assert.Equal([custom, hc.Id], await Favourites("town.nanxiang"));
        Assert.Empty(await Favourites("town.anting"));

        await app.As("town.nanxiang", s => { s.Delete.Url($"/api/checklists/{hc.Id}/favourite"); s.StatusCodeShouldBe(204); });
        Assert.Equal([custom], await Favourites("town.nanxiang"));
    }

    [Fact]
    public async Task a_retired_checklist_leaves_the_list_refuses_edits_and_keeps_its_versions()
    {
        var id = await PublishCustom("town.nanxiang", "待停用检查表", Item("T-01", "一"));
        await app.As("town.nanxiang", s =>
        {
            s.Delete.Url($"/api/checklists/{id}?reason=合并到新表");
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(204);
        });

        var list = await app.As("town.nanxiang", s => s.Get.Url("/api/checklists?kind=Custom&pageSize=500"));
        Assert.DoesNotContain(list.Json().GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        var current = (await app.As("town.nanxiang", s => s.Get.Url($"/api/checklists/{id}"))).Json();
        Assert.True(current.GetProperty("retired").GetBoolean());
        var v1 = (await app.As("town.nanxiang", s => s.Get.Url($"/api/checklists/{id}?version=1"))).Json();
        Assert.False(v1.GetProperty("retired").GetBoolean());

        await app.As("town.nanxiang", s =>
        {
            s.Put.Json(new { name = "复活", items = new[] { Item("T-01", "二") } }).ToUrl($"/api/checklists/{id}");
            s.StatusCodeShouldBe(409);
        });
    }

    [Fact]
    public async Task a_checklist_reads_as_its_json_contract()
    {
        var id = await PublishCustom("town.nanxiang", "快照检查表",
            Item("S-01", "消防控制室双人值班", "General", "《消防控制室通用技术要求》GB 25506-2010 第4.2.1条"),
            Item("S-02", "甲类仓库设在地下室", "Major", "GB 35181-2017《重大火灾隐患判定方法》第6.4条"));
        var result = await app.As("town.nanxiang", s => s.Get.Url($"/api/checklists/{id}"));

        Snapshot.Match(JToken.Parse(result.ReadAsText()), o => o
            .IgnoreField("id").IgnoreField("updatedAt").IgnoreField("ownerOrganisationId"));
    }

    [Fact]
    public async Task the_built_in_hazardous_chemicals_checklist_reads_as_shipped()
    {
        var hc = BuiltInChecklists.Load().Single(b => b.Domain == Platform.Organisations.IndustryDomain.HazardousChemicals);
        var result = await app.As("inspector.nanxiang", s =>
        {
            s.Get.Url($"/api/checklists/{hc.Id}");
            s.Header("ETag").SingleValueShouldEqual("\"1\"");
        });

        Snapshot.Match(JToken.Parse(result.ReadAsText()), o => o.IgnoreField("updatedAt"));
    }
}
