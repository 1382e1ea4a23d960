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

    /// <summary>The platform's binding guard words its refusals for the caller too (issue 13), naming the field either way.</summary>
    [Fact]
    public async Task a_malformed_route_value_is_refused_in_the_callers_language()
    {
        async Task<System.Text.Json.JsonElement> Refuse(string? language) => (await app.As("district.admin", s =>
        {
            if (language is not null) s.WithRequestHeader("Accept-Language", language);
            s.Get.Url("/api/inspections/12345");
            s.StatusCodeShouldBe(400);
        })).ShouldBeProblem(400);

        var chinese = await Refuse(null);
        Assert.Equal("请求的参数或请求体无效，详见 errors。", chinese.GetProperty("detail").GetString());
        Assert.Equal("id: 无效的取值 \"12345\"，必须是 GUID，例如 0190a6e2-7b1c-7d3e-9f00-2a4b6c8d0e1f", chinese.GetProperty("errors").GetProperty("id")[0].GetString());

        var english = await Refuse("en");
        Assert.Equal("The request's parameters or body are not valid; see errors.", english.GetProperty("detail").GetString());
        var message = english.GetProperty("errors").GetProperty("id")[0].GetString();
        Assert.Equal("id: not a valid value \"12345\"; a GUID such as 0190a6e2-7b1c-7d3e-9f00-2a4b6c8d0e1f", message);
        Assert.False(Chinese(message), message);
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
