using System.Text.RegularExpressions;
using Alba;
using Marten;

namespace AnJiaXing.IntegrationTests.Infrastructure;

/// <summary>Chinese first: problems and validation messages in Chinese unless the caller asks for English.</summary>
public class when_answering_in_the_callers_language(AppFixture app) : IClassFixture<AppFixture>
{
    private static bool Chinese(string? text) => text is not null && Regex.IsMatch(text, @"\p{IsCJKUnifiedIdeographs}");

    private async Task<object> InvalidReport()
    {
        await using var session = app.Store.QuerySession();
        var enterprise = await session.Query<Organisation>().FirstAsync(o => o.Kind == OrganisationKind.Enterprise && o.Name == "上海嘉翔精细化工有限公司");
        return new { enterpriseId = enterprise.Id, level = "General", category = "Fire", description = "", source = "SupervisionInspection", evidenceIds = Array.Empty<Guid>() };
    }

    [Fact]
    public async Task validation_is_chinese_by_default()
    {
        var body = await InvalidReport();
        var problem = (await app.As("town.nanxiang", s => { s.Post.Json(body).ToUrl("/api/hazards"); s.StatusCodeShouldBe(400); })).ShouldBeProblem(400);
        Assert.Equal("请求参数未通过校验", problem.GetProperty("title").GetString());
        var message = problem.GetProperty("errors").GetProperty("description")[0].GetString();
        Assert.True(Chinese(message), message);
    }

    [Fact]
    public async Task validation_is_english_when_asked()
    {
        var body = await InvalidReport();
        var problem = (await app.As("town.nanxiang", s =>
        {
            s.WithRequestHeader("Accept-Language", "en");
            s.Post.Json(body).ToUrl("/api/hazards");
            s.StatusCodeShouldBe(400);
        })).ShouldBeProblem(400);
        Assert.Equal("One or more validation errors occurred.", problem.GetProperty("title").GetString());
        var message = problem.GetProperty("errors").GetProperty("description")[0].GetString();
        Assert.False(Chinese(message), message);
        Assert.Contains("empty", message);
    }

    [Fact]
    public async Task an_unauthenticated_call_is_told_how_to_sign_in()
    {
        var problem = (await app.Host.Scenario(s => { s.Get.Url("/api/hazards"); s.StatusCodeShouldBe(401); })).ShouldBeProblem(401);
        Assert.Equal("未登录", problem.GetProperty("title").GetString());
        Assert.Contains("Authorization: Bearer", problem.GetProperty("detail").GetString());
        Assert.True(Chinese(problem.GetProperty("detail").GetString()));

        var english = (await app.Host.Scenario(s =>
        {
            s.WithRequestHeader("Accept-Language", "en-US,en;q=0.9");
            s.Get.Url("/api/hazards");
            s.StatusCodeShouldBe(401);
        })).ShouldBeProblem(401);
        Assert.Equal("Unauthorized", english.GetProperty("title").GetString());
        Assert.StartsWith("Sign in first", english.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task an_unknown_route_is_named_in_chinese()
    {
        var problem = (await app.Host.Scenario(s => { s.Get.Url("/api/no-such-thing"); s.StatusCodeShouldBe(404); })).ShouldBeProblem(404);
        Assert.Equal("未找到", problem.GetProperty("title").GetString());
        Assert.Contains("/api/no-such-thing", problem.GetProperty("detail").GetString());
    }
}
