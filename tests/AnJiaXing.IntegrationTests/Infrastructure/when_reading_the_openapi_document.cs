using System.Text.Json;
using System.Text.RegularExpressions;
using Alba;

namespace AnJiaXing.IntegrationTests.Infrastructure;

/// <summary>
/// The OpenAPI document as documentation a developer can work from: every operation has its words (Chinese and
/// English), its module's tag, its true success answer and every problem answer it can give. A new endpoint without a
/// line in its module's <c>…Operations.cs</c> fails here.
/// </summary>
public class when_reading_the_openapi_document(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

    private async Task<JsonElement> Document()
    {
        var text = (await app.Host.Scenario(s => { s.Get.Url("/swagger/v1/swagger.json"); s.StatusCodeShouldBe(200); })).ReadAsText();
        // For reading the document while writing texts: OPENAPI_DUMP=/some/file.json.
        if (Environment.GetEnvironmentVariable("OPENAPI_DUMP") is { Length: > 0 } dump) await File.WriteAllTextAsync(dump, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement doc) =>
        doc.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)).Select(m => (p.Name, m.Name, m.Value)));

    private static bool Has(JsonElement operation, string status) => operation.GetProperty("responses").TryGetProperty(status, out _);

    private static bool HasHeader(JsonElement operation, string name) =>
        operation.TryGetProperty("parameters", out var ps) &&
        ps.EnumerateArray().Any(p => p.GetProperty("in").GetString() == "header" && p.GetProperty("name").GetString() == name);

    [Fact]
    public async Task every_operation_has_words_a_tag_and_its_problem_answers()
    {
        var doc = await Document();
        var tags = doc.GetProperty("tags").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.TryGetProperty("description", out var d) ? d.GetString() : null);
        var failures = new List<string>();
        var operations = Operations(doc).ToList();
        Assert.True(operations.Count > 100, $"only {operations.Count} operations");

        foreach (var (path, method, op) in operations)
        {
            var name = $"{method.ToUpperInvariant()} {path} ({(op.TryGetProperty("operationId", out var id) ? id.GetString() : "?")})";
            void Fail(string why) => failures.Add($"{name}: {why}");

            var summary = op.TryGetProperty("summary", out var s) ? s.GetString() ?? "" : "";
            if (!Regex.IsMatch(summary, @"\p{IsCJKUnifiedIdeographs}") || !summary.Contains(" · ")) Fail($"summary '{summary}' is not 中文 · English");
            if (!op.TryGetProperty("description", out var d) || string.IsNullOrWhiteSpace(d.GetString())) Fail("no description");

            var opTags = op.TryGetProperty("tags", out var t) ? t.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
            if (opTags.Count != 1) Fail($"{opTags.Count} tags");
            else if (opTags[0].Contains('.') || !tags.TryGetValue(opTags[0], out var tagDescription) || string.IsNullOrEmpty(tagDescription))
                Fail($"tag '{opTags[0]}' is not a described module");

            var isPublic = op.TryGetProperty("security", out var security) && security.GetArrayLength() == 0;
            if (!isPublic && !(Has(op, "401") && Has(op, "403"))) Fail("secured but no 401/403");
            if (path.Contains('{') && !Has(op, "404")) Fail("no 404 for its route id");
            if (op.TryGetProperty("requestBody", out _) && !Has(op, "400")) Fail("a body but no 400");
            if (HasHeader(op, "If-Match") && !Has(op, "409")) Fail("If-Match but no 409");
            if (HasHeader(op, "Idempotency-Key") && !(Has(op, "422") && (Has(op, "201") ^ Has(op, "200")))) Fail("a create without one success and 422");
            if (!Has(op, "503")) Fail("no 503");

            foreach (var response in op.GetProperty("responses").EnumerateObject())
            {
                var code = int.Parse(response.Name);
                if (!response.Value.TryGetProperty("description", out var rd) || !Regex.IsMatch(rd.GetString() ?? "", @"\p{IsCJKUnifiedIdeographs}"))
                    Fail($"{code} has no Chinese description");
                if (code >= 400 && !(response.Value.TryGetProperty("content", out var pc) && pc.TryGetProperty("application/problem+json", out _)))
                    Fail($"{code} is not a problem+json answer");
                if (response.Value.ToString().Contains("IResult")) Fail($"{code} documents IResult");
                if (code is >= 200 and < 300 && code != 204 && !response.Value.TryGetProperty("content", out _)) Fail($"{code} documents no body");
            }

            if (op.TryGetProperty("requestBody", out var body))
            {
                foreach (var media in body.GetProperty("content").EnumerateObject())
                {
                    if (media.Name == "multipart/form-data") continue;
                    if (!media.Value.TryGetProperty("example", out var example) || example.ValueKind != JsonValueKind.Object && example.ValueKind != JsonValueKind.Array)
                        Fail($"request body {media.Name} has no example");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task schema_names_are_clean()
    {
        var doc = await Document();
        var names = doc.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(s => s.Name).ToList();
        Assert.Contains("PagedResultOfHazardsHazardView", names);
        Assert.DoesNotContain("IResult", names);
        Assert.All(names, n => Assert.Matches(@"^[A-Za-z][A-Za-z0-9.]*$", n));
        Assert.DoesNotContain(names, n => n.Contains("Version", StringComparison.Ordinal) && n.Contains("Culture", StringComparison.Ordinal));
    }

    [Fact]
    public async Task reporting_a_hazard_is_documented_as_it_answers()
    {
        var doc = await Document();
        var report = doc.GetProperty("paths").GetProperty("/api/hazards").GetProperty("post");
        Assert.Equal("Hazards", report.GetProperty("tags")[0].GetString());
        Assert.StartsWith("上报隐患 · Report a hazard", report.GetProperty("summary").GetString());
        var created = report.GetProperty("responses").GetProperty("201");
        Assert.EndsWith("CreatedResponse", created.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.True(created.GetProperty("headers").TryGetProperty("Location", out _));
        foreach (var status in new[] { "400", "401", "403", "409", "422", "503" }) Assert.True(Has(report, status), status);
        Assert.False(Has(report, "200"));
        Assert.True(HasHeader(report, "Idempotency-Key"));
        var example = report.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("General", example.GetProperty("level").GetString());
        Assert.Contains("消防", example.GetProperty("description").GetString());

        var confirm = doc.GetProperty("paths").GetProperty("/api/hazards/{id}/confirm").GetProperty("post");
        Assert.True(HasHeader(confirm, "If-Match"));
        foreach (var status in new[] { "400", "401", "403", "404", "409" }) Assert.True(Has(confirm, status), status);
    }

    [Fact]
    public async Task uploads_show_their_file_field_and_limits()
    {
        var doc = await Document();
        var import = doc.GetProperty("paths").GetProperty("/api/enterprises/import").GetProperty("post");
        var form = import.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
        Assert.Equal("binary", form.GetProperty("properties").GetProperty("file").GetProperty("format").GetString());
        foreach (var status in new[] { "400", "413", "415" }) Assert.True(Has(import, status), status);

        var template = doc.GetProperty("paths").GetProperty("/api/enterprises/import/template").GetProperty("get");
        Assert.True(template.GetProperty("responses").GetProperty("200").GetProperty("content")
            .TryGetProperty("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", out _));

        var token = doc.GetProperty("paths").GetProperty("/api/auth/token").GetProperty("post");
        Assert.True(Has(token, "429"));
        Assert.Equal(0, token.GetProperty("security").GetArrayLength());
    }
}
