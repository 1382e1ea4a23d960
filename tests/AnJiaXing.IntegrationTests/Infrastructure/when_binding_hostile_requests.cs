using System.Text.Json;
using Alba;
using Marten;

namespace AnJiaXing.IntegrationTests.Infrastructure;

/// <summary>
/// Hostile input meets the platform's one binding check: a 400 validation problem naming the field in Chinese,
/// no .NET type or parser text, and nothing appended — on every endpoint, without any per-endpoint code.
/// </summary>
public class when_binding_hostile_requests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string EmptyGuid = "00000000-0000-0000-0000-000000000000";

    /// <summary>An existing hazard of ent.demo1's enterprise, that enterprise and one of its users: real targets.</summary>
    private async Task<(Guid Hazard, Guid Enterprise, Guid User)> TargetsAsync()
    {
        var me = (await app.As("ent.demo1", s => s.Get.Url("/api/me"))).Json();
        var enterprise = me.GetProperty("organisationId").GetGuid();
        await using var session = app.Store.QuerySession();
        var hazard = await session.Query<HazardView>().Where(h => h.EnterpriseId == enterprise).FirstAsync();
        return (hazard.Id, enterprise, me.GetProperty("id").GetGuid());
    }

    private static Action<Scenario> PostJson(string url, string json) => s =>
    {
        s.Post.Text(json).ToUrl(url);
        s.WithRequestHeader("Content-Type", "application/json");
    };

    private static Action<Scenario> Get(string url) => s => s.Get.Url(url);

    /// <summary>Sends the request and asserts the 400 problem naming <paramref name="field"/>, each fragment in its messages, and no event appended.</summary>
    private async Task<JsonElement> ShouldRefuse(string username, Action<Scenario> send, string field, params string[] fragments)
    {
        var correlation = AppFixture.NewCorrelation();
        var result = await app.As(username, s =>
        {
            s.WithRequestHeader("X-Correlation-Id", correlation);
            send(s);
            s.IgnoreStatusCode();
        });
        var text = result.ReadAsText();
        Assert.True(result.Context.Response.StatusCode == 400, $"expected 400, got {result.Context.Response.StatusCode}: {text}");
        var problem = result.ShouldBeProblem(400);
        var messages = default(JsonElement);
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out messages),
            $"errors should name '{field}': {text}");
        var joined = string.Join("\n", messages.EnumerateArray().Select(m => m.GetString()));
        foreach (var fragment in fragments) Assert.Contains(fragment, joined);
        Assert.DoesNotContain("System.", text);
        Assert.DoesNotContain("AnJiaXing.", text);
        Assert.DoesNotContain("Nullable", text);
        Assert.DoesNotContain("   at ", text);
        Assert.StartsWith(Platform.Http.ProblemTypes.Base, problem.GetProperty("type").GetString());
        Assert.Equal(0, await app.EventsOfAsync(correlation));
        return problem;
    }

    private string Report(Guid enterprise, string description = "\"配电箱门缺失\"", string level = "\"General\"", string extra = "") =>
        $$"""{"enterpriseId":"{{enterprise}}","level":{{level}},"category":"Electrical","description":{{description}},"source":"SelfInspection","evidenceIds":[]{{extra}}}""";

    private static string Assignment(Guid user, string deadline = "\"2026-12-31T00:00:00Z\"", string extra = "") =>
        $$"""{"responsibleUserId":"{{user}}","deadline":{{deadline}},"measures":"整改","funds":100{{extra}}}""";

    private static string Enterprise(string domains = "[\"IndustryAndTrade\"]") =>
        $$"""{"name":"测试企业","creditCode":"91310114MA1GTEST00","address":"嘉定区","townId":"{{Guid.NewGuid()}}","domains":{{domains}}}""";

    private static string Plan(string periodStart = "\"2026-11-01\"", string enterpriseIds = "[\"0190a6e2-7b1c-7d3e-9f00-2a4b6c8d0e1f\"]") =>
        $$"""{"name":"冬季专项","type":"SpecialAction","periodStart":{{periodStart}},"periodEnd":"2026-12-31","checklistId":"0190a6e2-7b1c-7d3e-9f00-2a4b6c8d0e1f","enterpriseIds":{{enterpriseIds}},"inspectorIds":["0190a6e2-7b1c-7d3e-9f00-2a4b6c8d0e1f"]}""";

    [Theory]
    [InlineData("ent.demo1", "/api/hazards", "null")]
    [InlineData("ent.demo1", "/api/hazards", "")]
    [InlineData("ent.demo1", "/api/hazards/{hazard}/assign", "null")]
    [InlineData("ent.demo1", "/api/hazards/{hazard}/assign", "  ")]
    [InlineData("town.nanxiang", "/api/hazards/{hazard}/recheck", "null")]
    [InlineData("district.admin", "/api/enterprises", "null")]
    [InlineData("town.nanxiang", "/api/inspection-plans", "null")]
    [InlineData("town.nanxiang", "/api/inspections", "null")]
    public async Task a_null_or_empty_body_is_a_400_naming_the_body(string username, string route, string body)
    {
        var (hazard, _, _) = await TargetsAsync();
        await ShouldRefuse(username, PostJson(route.Replace("{hazard}", hazard.ToString()), body), "body", "请求体不能为空");
    }

    [Fact]
    public async Task a_missing_or_null_list_is_a_400_naming_it_and_its_later_checks_never_run_on_the_null()
    {
        // The fuzz found it: NotEmpty() refused the null, then Must(ids => ids.Length …) ran on it anyway (a 500).
        await ShouldRefuse("town.nanxiang", PostJson("/api/inspection-plans", Plan(enterpriseIds: "null")), "enterpriseIds");
        await ShouldRefuse("town.nanxiang", PostJson("/api/inspection-plans", Plan().Replace("\"inspectorIds\":[\"0190a6e2-7b1c-7d3e-9f00-2a4b6c8d0e1f\"]", "\"__proto__\":{\"admin\":true}")),
            "inspectorIds");
    }

    [Fact]
    public async Task an_empty_or_malformed_guid_in_the_route_is_a_400_naming_id()
    {
        var (_, _, user) = await TargetsAsync();
        await ShouldRefuse("ent.demo1", PostJson($"/api/hazards/{EmptyGuid}/assign", Assignment(user)), "id", "空 GUID");
        await ShouldRefuse("ent.demo1", PostJson($"/api/hazards/{EmptyGuid}/rectification", """{"description":"已整改","evidenceIds":[]}"""), "id", "空 GUID");
        await ShouldRefuse("district.admin", Get($"/api/hazards/{EmptyGuid}"), "id", "空 GUID");
        await ShouldRefuse("district.admin", Get($"/api/enterprises/{EmptyGuid}/file"), "id", "空 GUID");
        await ShouldRefuse("ent.demo1", PostJson("/api/hazards/not-a-guid/assign", Assignment(user)), "id", "必须是 GUID", "not-a-guid");
        await ShouldRefuse("district.admin", Get("/api/inspections/12345"), "id", "必须是 GUID");
    }

    [Fact]
    public async Task an_unknown_enum_value_names_the_field_and_the_allowed_values()
    {
        var (_, enterprise, _) = await TargetsAsync();
        await ShouldRefuse("ent.demo1", PostJson("/api/hazards", Report(enterprise, level: "\"Huge\"")), "level",
            "level: 无效的取值 \"Huge\"，允许的取值：General, Major");
        await ShouldRefuse("ent.demo1", PostJson("/api/hazards", Report(enterprise, level: "7")), "level", "General, Major");
        await ShouldRefuse("district.admin", PostJson("/api/enterprises", Enterprise("[\"IndustryAndTrade\",\"Nope\"]")), "domains[1]",
            "\"Nope\"", "HazardousChemicals");
        await ShouldRefuse("town.nanxiang", PostJson("/api/inspection-plans", Plan().Replace("SpecialAction", "Whenever")), "type", "\"Whenever\"");
        await ShouldRefuse("district.admin", Get("/api/hazards?status=Foo"), "status", "\"Foo\"", "Reported", "Withdrawn");
        await ShouldRefuse("district.admin", Get("/api/checklists?kind=Nope"), "kind", "Industry");
    }

    [Fact]
    public async Task a_nul_character_in_a_query_value_or_a_json_string_is_a_400_naming_the_field()
    {
        var (hazard, enterprise, user) = await TargetsAsync();
        await ShouldRefuse("district.admin", Get("/api/enterprises?q=a%00b"), "q", "NUL");
        await ShouldRefuse("district.admin", Get("/api/knowledge?q=%00"), "q", "NUL");
        await ShouldRefuse("ent.demo1", PostJson("/api/hazards", Report(enterprise, description: "\"灭火器\\u0000压力不足\"")), "description", "NUL");
        await ShouldRefuse("ent.demo1", PostJson($"/api/hazards/{hazard}/assign", Assignment(user, extra: ",\"contingencyPlan\":\"\\u0000\"")),
            "contingencyPlan", "NUL");
        await ShouldRefuse("district.admin", PostJson("/api/enterprises", Enterprise().Replace("测试企业", "测试\\u0000企业")), "name", "NUL");
    }

    [Fact]
    public async Task a_date_outside_1900_to_2200_is_a_400_naming_the_field()
    {
        var (hazard, enterprise, user) = await TargetsAsync();
        await ShouldRefuse("district.admin", Get("/api/hazards?from=0001-01-01"), "from", "1900");
        await ShouldRefuse("district.admin", Get("/api/hazards?to=9999-12-31T23:59:59Z"), "to", "2200");
        await ShouldRefuse("district.admin", Get("/api/inspections?from=0001-01-01T00:00:00Z"), "from", "1900");
        await ShouldRefuse("district.admin", Get("/api/stats/overview?month=9999-12"), "month", "1900", "2200");
        await ShouldRefuse("district.admin", Get("/api/stats/hazards?from=0001-01-01"), "from", "1900");
        await ShouldRefuse("district.admin", Get("/api/stats/trend?from=2026-01-01&to=9999-12-31"), "to", "2200");
        await ShouldRefuse("district.admin", Get("/api/stats/export?month=0001-01"), "month", "1900");
        await ShouldRefuse("ent.demo1", PostJson($"/api/hazards/{hazard}/assign", Assignment(user, "\"0001-01-01T00:00:00Z\"")), "deadline", "1900");
        await ShouldRefuse("ent.demo1", PostJson($"/api/hazards/{hazard}/assign", Assignment(user, "\"10000-01-01\"")), "deadline", "2200");
        await ShouldRefuse("ent.demo1", PostJson("/api/hazards", Report(enterprise, extra: ",\"foundAt\":\"1800-05-01T00:00:00+08:00\"")), "foundAt", "1900");
        await ShouldRefuse("town.nanxiang", PostJson("/api/inspection-plans", Plan(periodStart: "\"0001-01-01\"")), "periodStart", "1900");
    }

    [Fact]
    public async Task wrong_json_types_deep_nesting_and_malformed_json_are_400s_naming_the_field()
    {
        var (hazard, enterprise, user) = await TargetsAsync();
        await ShouldRefuse("ent.demo1", PostJson("/api/hazards", Report(enterprise, description: "42")), "description", "字符串");
        await ShouldRefuse("ent.demo1", PostJson("/api/hazards", Report(enterprise, extra: ",\"latitude\":\"north\",\"longitude\":1")), "latitude", "数字");
        await ShouldRefuse("ent.demo1", PostJson("/api/hazards", Report(enterprise).Replace("\"evidenceIds\":[]", "\"evidenceIds\":{\"a\":1}")),
            "evidenceIds", "数组");
        await ShouldRefuse("ent.demo1", PostJson("/api/hazards", Report(enterprise).Replace("\"evidenceIds\":[]", "\"evidenceIds\":[\"x\"]")),
            "evidenceIds[0]", "GUID");
        await ShouldRefuse("ent.demo1", PostJson($"/api/hazards/{hazard}/assign", Assignment(user).Replace("\"funds\":100", "\"funds\":true")), "funds", "数字");
        await ShouldRefuse("ent.demo1", PostJson($"/api/hazards/{hazard}/assign", Assignment(user).Replace("\"funds\":100", "\"funds\":1e400")), "funds");
        await ShouldRefuse("ent.demo1", PostJson($"/api/hazards/{hazard}/assign", Assignment(user, "null")), "deadline", "null");
        await ShouldRefuse("district.admin", PostJson("/api/enterprises", Enterprise("{}")), "domains", "数组");
        await ShouldRefuse("town.nanxiang", PostJson("/api/inspection-plans", Plan(enterpriseIds: "\"all\"")), "enterpriseIds", "数组");
        await ShouldRefuse("ent.demo1", PostJson("/api/hazards", "[1,2,3]"), "body", "对象");

        var deep = "{\"description\":" + new string('[', 5000) + new string(']', 5000) + "}";
        await ShouldRefuse("ent.demo1", PostJson("/api/hazards", deep), "body", "嵌套");
        await ShouldRefuse("ent.demo1", PostJson("/api/hazards", "{\"level\": "), "body", "JSON");
        await ShouldRefuse("ent.demo1", PostJson($"/api/hazards/{hazard}/assign", "{\"deadline\":\"2026-12-31\",}"), "body", "JSON");
    }

    [Fact]
    public async Task every_problem_type_comes_from_one_rfc_9110_base()
    {
        var (_, enterprise, _) = await TargetsAsync();
        string TypeOf(IScenarioResult result, int status) => result.ShouldBeProblem(status).GetProperty("type").GetString()!;

        // FluentValidation's 400 (an empty description), the binding guard's 400s (Wolverine's own JSON problem said
        // httpstatuses.com), an unknown route, no token, a wrong content type.
        var validation = await app.As("ent.demo1", s => { PostJson("/api/hazards", Report(enterprise, description: "\"\""))(s); s.StatusCodeShouldBe(400); });
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.1", TypeOf(validation, 400));
        Assert.True(validation.Json().GetProperty("errors").TryGetProperty("description", out _));

        var binding = await app.As("district.admin", s => { s.Get.Url("/api/hazards?level=Huge"); s.StatusCodeShouldBe(400); });
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.1", TypeOf(binding, 400));

        var malformed = await app.As("ent.demo1", s => { PostJson("/api/hazards", "{\"level\": ")(s); s.StatusCodeShouldBe(400); });
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.1", TypeOf(malformed, 400));

        var unknown = await app.Host.Scenario(s => { s.Get.Url("/api/no-such-thing"); s.StatusCodeShouldBe(404); });
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.5", TypeOf(unknown, 404));

        var anonymous = await app.Host.Scenario(s => { s.Get.Url("/api/hazards"); s.StatusCodeShouldBe(401); });
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.2", TypeOf(anonymous, 401));

        var wrongType = await app.As("ent.demo1", s =>
        {
            s.Post.Text(Report(enterprise)).ToUrl("/api/hazards");
            s.WithRequestHeader("Content-Type", "text/plain");
            s.StatusCodeShouldBe(415);
        });
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.16", TypeOf(wrongType, 415));
    }

    [Fact]
    public async Task well_formed_requests_still_pass_the_guard()
    {
        var (hazard, enterprise, _) = await TargetsAsync();
        var correlation = AppFixture.NewCorrelation();
        await app.As("ent.demo1", s =>
        {
            s.WithRequestHeader("X-Correlation-Id", correlation);
            PostJson("/api/hazards", Report(enterprise, level: "\"general\"", extra: ",\"latitude\":31.3,\"longitude\":121.2,\"foundAt\":\"2026-01-05T08:00:00+08:00\""))(s);
            s.StatusCodeShouldBe(201);
        });
        Assert.Equal(1, await app.EventsOfAsync(correlation));
        await app.As("district.admin", s => s.Get.Url($"/api/hazards/{hazard}"));
        await app.As("district.admin", s => s.Get.Url("/api/hazards?status=reported&level=General&from=2020-01-01&to=2100-01-01T00:00:00Z&page=1"));
        await app.As("district.admin", s => s.Get.Url("/api/stats/overview?month=2026-01"));
    }
}
