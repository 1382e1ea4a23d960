using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;

namespace AnJiaXing.IntegrationTests.CityPlatform;

/// <summary>
/// The published schemas (docs/integration/schemas, copied beside the tests), each built once per test run: classes run
/// in parallel, and a schema's <c>$id</c> may be registered only once.
/// </summary>
public static class FeedSchemas
{
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Built = new();
    private static readonly EvaluationOptions Strict = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    public static JsonSchema Named(string file) => Built.GetOrAdd(file,
        f => new Lazy<JsonSchema>(() => JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "schemas", f)))).Value;

    /// <summary>Validates a captured message against the schema its <c>dataschema</c> names (or <paramref name="file"/>); answers that file.</summary>
    public static string AssertValid(string body, string? file = null)
    {
        using var document = JsonDocument.Parse(body);
        file ??= Path.GetFileName(document.RootElement.GetProperty("dataschema").GetString()!);
        var result = Named(file).Evaluate(document.RootElement, Strict);
        Assert.True(result.IsValid, $"{document.RootElement.GetProperty("type")} does not match {file}: {JsonSerializer.Serialize(result)}");
        return file;
    }
}
