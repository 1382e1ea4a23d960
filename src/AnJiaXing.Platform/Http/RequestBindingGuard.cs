using System.Text.Json;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace AnJiaXing.Platform.Http;

/// <summary>
/// The one binding check in front of every endpoint (put there by <see cref="RequestBindingPolicy"/>): route values,
/// the query string and the JSON body are refused with a 400 validation problem — <c>errors</c> keyed by the field,
/// Chinese messages, no parser or .NET type text — before anything is deserialized, loaded or appended.
/// </summary>
public static class RequestBindingGuard
{
    public const string Title = "One or more validation errors occurred.";

    public static async Task<IResult> CheckAsync(HttpContext httpContext)
    {
        var binding = httpContext.GetEndpoint()?.Metadata.GetMetadata<RequestBinding>();
        var errors = new Dictionary<string, List<string>>();

        CheckRoute(httpContext, binding, errors);
        CheckQuery(httpContext, binding, errors);
        if (errors.Count == 0 && binding?.Body is { } bodyType && IsJson(httpContext.Request.ContentType))
            await CheckBodyAsync(httpContext, bodyType, errors);

        if (errors.Count == 0) return WolverineContinue.Result();
        return Results.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.Distinct().ToArray()),
            title: Title, detail: ProblemLanguage.Say("请求的参数或请求体无效，详见 errors。", "The request's parameters or body are not valid; see errors."));
    }

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
    }

    private static void CheckRoute(HttpContext http, RequestBinding? binding, Dictionary<string, List<string>> errors)
    {
        foreach (var (name, value) in http.Request.RouteValues)
        {
            if (value is string s && s.Contains('\0')) Add(errors, name, ProblemLanguage.Say($"{name}: 不能包含 NUL 字符（\\u0000）", $"{name}: may not contain a NUL character (\\u0000)"));
        }
        if (errors.Count > 0 || binding is null) return;

        foreach (var bound in binding.Route)
        {
            if (http.Request.RouteValues[bound.Name] is not string raw) continue;
            if (ScalarBinding.Check(bound.Name, raw, bound.Type) is { } message) Add(errors, bound.Name, message);
            else if (ScalarBinding.Element(bound.Type) == typeof(Guid) && Guid.Parse(raw) == Guid.Empty)
                Add(errors, bound.Name, ProblemLanguage.Say($"{bound.Name}: 不能是空 GUID（00000000-0000-0000-0000-000000000000）",
                    $"{bound.Name}: may not be the empty GUID (00000000-0000-0000-0000-000000000000)"));
        }
    }

    private static void CheckQuery(HttpContext http, RequestBinding? binding, Dictionary<string, List<string>> errors)
    {
        foreach (var (key, values) in http.Request.Query)
        {
            var field = key.Contains('\0') ? "query" : key;
            if (key.Contains('\0') || values.Any(v => v is not null && v.Contains('\0')))
                Add(errors, field, ProblemLanguage.Say($"{ScalarBinding.Shorten(field)}: 不能包含 NUL 字符（\\u0000）",
                    $"{ScalarBinding.Shorten(field)}: may not contain a NUL character (\\u0000)"));
        }
        if (errors.Count > 0 || binding is null) return;

        foreach (var bound in binding.Query)
        {
            var values = http.Request.Query[bound.Name];
            if (values.Count == 0) continue;
            // A single value binds as Wolverine reads it (several joined by commas); a list binds each one.
            IEnumerable<string?> raws = ScalarBinding.IsCollection(bound.Type) ? values : [values.ToString()];
            foreach (var raw in raws)
            {
                if (string.IsNullOrEmpty(raw)) continue;
                if (ScalarBinding.Check(bound.Name, raw, bound.Type) is { } message) Add(errors, bound.Name, message);
            }
        }
    }

    /// <summary>As Wolverine decides whether to read the body as JSON (no content type counts as JSON).</summary>
    private static bool IsJson(string? contentType) =>
        string.IsNullOrEmpty(contentType) || contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("text/json", StringComparison.OrdinalIgnoreCase) || contentType.Contains("*/*")
        || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase);

    private static async Task CheckBodyAsync(HttpContext http, Type bodyType, Dictionary<string, List<string>> errors)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

        var bytes = (await JsonRequestBody.ReadAsync(http)).Bytes.ToArray();

        var maxDepth = options.MaxDepth == 0 ? 64 : options.MaxDepth;
        switch (Scan(bytes, options, maxDepth))
        {
            case Shape.Empty:
                Add(errors, "body", ProblemLanguage.Say("请求体不能为空", "The body is empty"));
                return;
            case Shape.TooDeep:
                Add(errors, "body", ProblemLanguage.Say($"请求体的 JSON 嵌套层数超过 {maxDepth}", $"The body's JSON is nested deeper than {maxDepth}"));
                return;
            case Shape.Malformed malformed:
                Add(errors, "body", ProblemLanguage.Say($"请求体不是有效的 JSON（第 {malformed.Line} 行第 {malformed.Position} 字节附近）",
                    $"The body is not valid JSON (near line {malformed.Line}, byte {malformed.Position})"));
                return;
        }

        using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions
        {
            MaxDepth = maxDepth, AllowTrailingCommas = options.AllowTrailingCommas, CommentHandling = options.ReadCommentHandling
        });
        var inspector = new JsonBodyInspector(options);
        inspector.Inspect(document.RootElement, bodyType);
        foreach (var (field, messages) in inspector.Errors)
            foreach (var message in messages) Add(errors, field, message);
        if (errors.Count > 0) return;

        // What the inspection does not know (a converter's own rules) still must not reach the client as parser text.
        try
        {
            JsonSerializer.Deserialize(bytes, bodyType, options);
        }
        catch (JsonException e)
        {
            var field = FieldOf(e.Path);
            Add(errors, field, ProblemLanguage.Say($"{field}: 无效的取值", $"{field}: not a valid value"));
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            Add(errors, "body", ProblemLanguage.Say("请求体无法解析为所需的结构", "The body does not have the expected structure"));
        }
    }

    /// <summary>The client's field path of a System.Text.Json path: <c>$.items[0].result</c> → <c>items[0].result</c>.</summary>
    public static string FieldOf(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$") return "body";
        var path = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return path.Length == 0 ? "body" : path;
    }

    private abstract record Shape
    {
        public sealed record Ok : Shape;
        public sealed record Empty : Shape;
        public sealed record TooDeep : Shape;
        public sealed record Malformed(long Line, long Position) : Shape;
    }

    /// <summary>One pass of the reader: is there a JSON value at all, is it well formed, how deep does it go.</summary>
    private static Shape Scan(byte[] bytes, JsonSerializerOptions options, int maxDepth)
    {
        if (bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty) return new Shape.Empty();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            MaxDepth = int.MaxValue / 2, AllowTrailingCommas = options.AllowTrailingCommas, CommentHandling = options.ReadCommentHandling
        });
        var deepest = 0;
        try
        {
            while (reader.Read()) deepest = Math.Max(deepest, reader.CurrentDepth);
        }
        catch (JsonException e)
        {
            return new Shape.Malformed((e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1);
        }
        return deepest >= maxDepth ? new Shape.TooDeep() : new Shape.Ok();
    }
}

/// <summary>
/// The request's body, read once into a buffer the endpoint reads again: the binding guard inspects it, and the town
/// detection (which runs before the guard) may look for the enterprise it names.
/// </summary>
public sealed record JsonRequestBody(ReadOnlyMemory<byte> Bytes)
{
    public static async Task<JsonRequestBody> ReadAsync(HttpContext http)
    {
        if (http.Features.Get<JsonRequestBody>() is { } read) return read;
        http.Request.EnableBuffering();
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        http.Request.Body.Position = 0;
        var body = new JsonRequestBody(buffer.ToArray());
        http.Features.Set(body);
        return body;
    }
}
