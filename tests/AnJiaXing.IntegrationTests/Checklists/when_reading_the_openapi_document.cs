using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;

namespace AnJiaXing.IntegrationTests.Checklists;

public class when_reading_the_openapi_document(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/api/checklists", "get")]
    [InlineData("/api/checklists", "post")]
    [InlineData("/api/checklists/{id}", "get")]
    [InlineData("/api/checklists/{id}", "put")]
    [InlineData("/api/checklists/{id}", "delete")]
    [InlineData("/api/checklists/{id}/versions", "get")]
    [InlineData("/api/checklists/{id}/favourite", "post")]
    [InlineData("/api/checklists/{id}/favourite", "delete")]
    [InlineData("/api/checklists/favourites", "get")]
    [InlineData("/api/knowledge", "get")]
    [InlineData("/api/knowledge", "post")]
    [InlineData("/api/knowledge/{id}", "get")]
    [InlineData("/api/knowledge/{id}", "put")]
    public async Task checklist_and_knowledge_routes_are_documented(string path, string method)
    {
        var result = await app.Host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json"));
        var paths = JsonDocument.Parse(result.ReadAsText()).RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty(path, out var operations), $"{path} is missing");
        Assert.True(operations.TryGetProperty(method, out _), $"{method} {path} is missing");
    }
}
