using Alba;

namespace AnJiaXing.IntegrationTests.Infrastructure;

/// <summary>Every answer says nosniff; the service's own pages carry a Content-Security-Policy of their own origin only.</summary>
public class when_answering_with_security_headers(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/api/me")]
    [InlineData("/api/no-such-route")]
    [InlineData("/dashboard/")]
    public async Task every_answer_forbids_content_sniffing(string url)
    {
        var result = await app.Host.Scenario(s => { s.Get.Url(url); s.IgnoreStatusCode(); });
        Assert.Equal("nosniff", result.Context.Response.Headers.XContentTypeOptions.ToString());
        Assert.Equal("no-referrer", result.Context.Response.Headers["Referrer-Policy"].ToString());
    }

    [Fact]
    public async Task the_pages_allow_only_their_own_scripts()
    {
        var page = await app.Host.Scenario(s => { s.Get.Url("/dashboard/"); s.StatusCodeShouldBe(200); });
        var policy = page.Context.Response.Headers.ContentSecurityPolicy.ToString();
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-eval", policy);

        var api = await app.As("district.admin", s => s.Get.Url("/api/me"));
        Assert.Equal("", api.Context.Response.Headers.ContentSecurityPolicy.ToString());
    }
}
