using System.Text.Json;
using Alba;

namespace AnJiaXing.IntegrationTests.Infrastructure;

public static class ProblemAssertions
{
    /// <summary>Asserts an RFC 9457 body and returns it for further checks.</summary>
    public static JsonElement ShouldBeProblem(this IScenarioResult result, int status)
    {
        Assert.Equal(status, result.Context.Response.StatusCode);
        Assert.StartsWith("application/problem+json", result.Context.Response.ContentType ?? "");
        var body = JsonDocument.Parse(result.ReadAsText()).RootElement;
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.True(body.TryGetProperty("title", out _));
        return body;
    }

    public static JsonElement Json(this IScenarioResult result) => JsonDocument.Parse(result.ReadAsText()).RootElement;
}
