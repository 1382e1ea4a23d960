using System.Text;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;

namespace AnJiaXing.IntegrationTests.Identity;

public class when_the_host_meets_bad_requests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task malformed_json_is_a_400_problem()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Text("{\"username\": ").ToUrl("/api/auth/token");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
        });
        var problem = result.ShouldBeProblem(400);
        Assert.False(problem.TryGetProperty("exception", out _));
        Assert.DoesNotContain("   at ", result.ReadAsText());
    }

    [Fact]
    public async Task an_unknown_route_is_a_404_problem_with_a_correlation_id()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/no-such-thing");
            s.WithRequestHeader("X-Correlation-Id", "test-corr-42");
            s.StatusCodeShouldBe(404);
        });
        var problem = result.ShouldBeProblem(404);
        Assert.Equal("test-corr-42", problem.GetProperty("correlationId").GetString());
        Assert.Equal("test-corr-42", result.Context.Response.Headers["X-Correlation-Id"].ToString());
    }

    [Fact]
    public async Task an_unparseable_query_value_is_a_400()
    {
        var result = await app.As("district.admin", s =>
        {
            s.Get.Url("/api/users?page=abc");
            s.StatusCodeShouldBe(400);
        });
        Assert.Equal(400, result.Context.Response.StatusCode);
    }

    [Fact]
    public async Task a_page_size_over_the_limit_is_a_400()
    {
        var result = await app.As("district.admin", s =>
        {
            s.Get.Url("/api/users?pageSize=501");
            s.StatusCodeShouldBe(400);
        });
        Assert.True(result.ShouldBeProblem(400).GetProperty("errors").TryGetProperty("pageSize", out _));
    }

    [Fact]
    public async Task health_and_swagger_answer()
    {
        await app.Host.Scenario(s => { s.Get.Url("/health/live"); s.StatusCodeShouldBe(200); });
        var ready = await app.Host.Scenario(s => { s.Get.Url("/health/ready"); s.StatusCodeShouldBe(200); });
        Assert.Equal("Healthy", ready.Json().GetProperty("status").GetString());
        var doc = await app.Host.Scenario(s => { s.Get.Url("/swagger/v1/swagger.json"); s.StatusCodeShouldBe(200); });
        var text = doc.ReadAsText();
        Assert.Contains("/api/auth/token", text);
        Assert.Contains("/api/users", text);
    }
}
