using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;
using Npgsql;

namespace AnJiaXing.IntegrationTests.Knowledge;

public class when_searching_the_knowledge_base(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<List<string>> Titles(string query, string user = "town.nanxiang")
    {
        var result = await app.As(user, s => s.Get.Url($"/api/knowledge?q={Uri.EscapeDataString(query)}&pageSize=500"));
        return result.Json().GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();
    }

    private async Task<Guid> Publish(string title, string text, string? domain = null, string user = "dept.emergency")
    {
        var result = await app.As(user, s =>
        {
            s.Post.Json(new { title, category = "Guidance", domain, source = "嘉定区应急局", text }).ToUrl("/api/knowledge");
            s.StatusCodeShouldBe(201);
        });
        return result.Json().GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task the_summaries_of_the_four_criteria_are_there_from_the_start()
    {
        var result = await app.As("auditor", s => s.Get.Url("/api/knowledge?category=Standard&pageSize=500"));
        var items = result.Json().GetProperty("items").EnumerateArray().ToList();
        var builtIn = BuiltInKnowledgeDocument.Load();
        Assert.Equal(4, builtIn.Count);
        foreach (var document in builtIn)
            Assert.Contains(items, i => i.GetProperty("id").GetGuid() == document.Id && i.GetProperty("title").GetString() == document.Title);
    }

    [Fact]
    public async Task a_chinese_keyword_finds_the_documents_that_mention_it_and_not_the_others()
    {
        var hit = await Titles("动火作业");
        Assert.Equal(["化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）要点"], hit);

        var dust = await Titles("锁气卸灰");
        Assert.Equal(["工贸企业重大事故隐患判定标准（2023）要点"], dust);

        // Two characters are fewer than a trigram: still found, by the same substring match.
        Assert.Contains("房屋市政工程生产安全重大事故隐患判定标准（2022版）要点", await Titles("基坑"));
        Assert.DoesNotContain("GB 35181-2017 重大火灾隐患判定方法要点", await Titles("基坑"));

        Assert.Empty(await Titles("核电站"));
    }

    [Fact]
    public async Task search_matches_titles_and_latin_text_regardless_of_case()
    {
        Assert.Equal(["GB 35181-2017 重大火灾隐患判定方法要点"], await Titles("gb 35181"));
        Assert.Contains("工贸企业重大事故隐患判定标准（2023）要点", await Titles("工贸企业"));
    }

    [Fact]
    public async Task like_wildcards_in_a_query_are_taken_literally()
    {
        // Only the fire criteria summary contains a literal '%' ("规定值的75%"); nothing contains '_'.
        Assert.Equal(["GB 35181-2017 重大火灾隐患判定方法要点"], await Titles("%"));
        Assert.Equal(["GB 35181-2017 重大火灾隐患判定方法要点"], await Titles("75%"));
        Assert.Empty(await Titles("_"));
    }

    [Fact]
    public async Task a_published_document_is_found_by_its_text_and_a_revision_replaces_what_is_found()
    {
        var id = await Publish("盲板抽堵作业指引", "盲板抽堵作业前应确认管道泄压、置换合格，并办理作业票。", "HazardousChemicals");
        Assert.Equal(["盲板抽堵作业指引"], await Titles("置换合格"));

        var revised = await app.As("dept.emergency", s =>
        {
            s.Put.Json(new { title = "盲板抽堵作业指引", category = "Guidance", domain = "HazardousChemicals", text = "作业前须进行气体检测并设专人监护。" })
                .ToUrl($"/api/knowledge/{id}");
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(200);
        });
        Assert.Equal(2, revised.Json().GetProperty("version").GetInt32());
        Assert.Empty(await Titles("置换合格"));
        Assert.Equal(["盲板抽堵作业指引"], await Titles("专人监护"));

        var detail = (await app.As("inspector.nanxiang", s => s.Get.Url($"/api/knowledge/{id}"))).Json();
        Assert.Equal("作业前须进行气体检测并设专人监护。", detail.GetProperty("text").GetString());

        var stale = await app.As("dept.emergency", s =>
        {
            s.Put.Json(new { title = "旧版本", category = "Guidance", domain = "HazardousChemicals", text = "x" }).ToUrl($"/api/knowledge/{id}");
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(409);
        });
        stale.ShouldBeProblem(409);
    }

    [Fact]
    public async Task only_district_admins_and_officers_of_the_domain_maintain_the_knowledge_base()
    {
        var body = new { title = "越权文档", category = "Regulation", domain = "HazardousChemicals", text = "内容" };
        await app.As("town.nanxiang", s => { s.Post.Json(body).ToUrl("/api/knowledge"); s.StatusCodeShouldBe(403); });
        await app.As("auditor", s => { s.Post.Json(body).ToUrl("/api/knowledge"); s.StatusCodeShouldBe(403); });
        await app.As("dept.construction", s => { s.Post.Json(body).ToUrl("/api/knowledge"); s.StatusCodeShouldBe(403); });
        await app.As("district.admin", s => { s.Post.Json(body).ToUrl("/api/knowledge"); s.StatusCodeShouldBe(201); });

        var builtIn = BuiltInKnowledgeDocument.Load().Single(d => d.Key == "criteria.construction-2022");
        await app.As("dept.emergency", s =>
        {
            s.Put.Json(new { title = "改", category = "Standard", domain = "ConstructionSites", text = "改" }).ToUrl($"/api/knowledge/{builtIn.Id}");
            s.StatusCodeShouldBe(403);
        });
    }

    [Fact]
    public async Task bad_input_gets_400()
    {
        var result = await app.As("district.admin", s =>
        {
            s.Post.Json(new { title = "", category = "Guidance", text = "" }).ToUrl("/api/knowledge");
            s.StatusCodeShouldBe(400);
        });
        var errors = result.ShouldBeProblem(400).GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _));
        Assert.True(errors.TryGetProperty("text", out _));

        await app.As("town.nanxiang", s =>
        {
            s.Get.Url($"/api/knowledge?q={new string('查', 101)}");
            s.StatusCodeShouldBe(400);
        });
        await app.As("town.nanxiang", s =>
        {
            s.Get.Url("/api/knowledge?category=Poetry");
            s.StatusCodeShouldBe(400);
        });
    }

    [Fact]
    public async Task the_search_text_has_a_trigram_index_that_serves_chinese_keywords()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand(
            "select indexdef from pg_indexes where schemaname = 'anjiaxing' and indexname = 'mt_doc_knowledgedocument_search_trgm'", connection))
        {
            var definition = (string?)await command.ExecuteScalarAsync();
            Assert.NotNull(definition);
            Assert.Contains("gin_trgm_ops", definition);
            Assert.Matches("fastupdate='?off'?", definition);
        }

        // Chinese text yields trigrams under this cluster's locale (pg_trgm would drop characters it deems non-word).
        await using (var command = new NpgsqlCommand("select array_length(show_trgm('动火作业'), 1)", connection))
            Assert.True((int)(await command.ExecuteScalarAsync())! >= 2);

        // The query the endpoint sends can use the index (the planner would pick a scan on a table this small, so forbid that).
        await using var session = app.Store.QuerySession();
        var query = session.Query<KnowledgeDocument>().Where(d => d.SearchText.Contains("动火作业", StringComparison.OrdinalIgnoreCase)).ToCommand();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var off = new NpgsqlCommand("set local enable_seqscan = off", connection, transaction)) await off.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand("explain " + query.CommandText.Replace(":p0", "@p0"), connection, transaction);
        explain.Parameters.AddWithValue("p0", query.Parameters[0].Value!);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        Assert.Contains(plan, line => line.Contains("mt_doc_knowledgedocument_search_trgm"));
    }
}
