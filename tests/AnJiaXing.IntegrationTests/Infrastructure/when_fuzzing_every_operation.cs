using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Marten;
using Npgsql;
using Xunit.Abstractions;

namespace AnJiaXing.IntegrationTests.Infrastructure;

public sealed class FuzzFixture : AppFixture;

/// <summary>
/// Every operation of the OpenAPI document, driven with generated hostile requests (CsCheck): wrong types, NUL, huge
/// and negative numbers, impossible dates, empty and unknown GUIDs, deep nesting, missing and extra fields, by every
/// kind of caller and anonymously. Whatever a client sends, the answer is never a 5xx, every refusal is an RFC 9457
/// problem, and a refused request appends no event (checked by the correlation id each request carries).
/// A failure prints the shrunk request and CsCheck's seed, so it can be replayed with <c>CsCheck_Seed</c>.
/// </summary>
public class when_fuzzing_every_operation(FuzzFixture app, ITestOutputHelper output) : IClassFixture<FuzzFixture>
{
    /// <summary>10 per operation in CI (a few minutes); <c>FUZZ_REQUESTS=200</c> for a long hunt on a quiet machine.</summary>
    private static readonly int RequestsPerOperation =
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_REQUESTS"), out var n) && n > 0 ? n : 10;
    private const string EmptyGuid = "00000000-0000-0000-0000-000000000000";
    private static readonly string[] Roles = ["district.admin", "dept.emergency", "town.nanxiang", "inspector.nanxiang", "auditor", "ent.demo1", ""];

    private static readonly string[] NastyStrings =
    [
        "", " ", "\u0000", "a\u0000b", "null", "undefined", "NaN", "Infinity", "-1", "0", "2147483648", "-9223372036854775809", "1e400",
        "0001-01-01", "9999-12-31T23:59:59Z", "2026-13-45", "2026-02-30T25:61:00+08:00", EmptyGuid, "not-a-guid", "<script>alert(1)</script>",
        "' OR '1'='1' --", "%", "%00", "../../../etc/passwd", "灭火器\u0000压力", "𠜎𠜱𡃁𡃉", "\ud800", new string('长', 4000), "\r\nX-Injected: 1",
        "{\"$ne\":null}", "\u202e\u202d", "Major", "General", "HazardousChemicals", "DistrictAdmin"
    ];

    private static readonly string[] NastyNumbers =
        ["0", "-1", "1", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "1e308", "-1e308", "0.5", "-0.0", "1e-400", "\"12\"", "null", "true", "[]", "{}"];

    /// <summary>Event stream ids and document ids that exist, so some requests reach deep into the command path.</summary>
    private static ImmutableArray<string> _realIds = [];

    private readonly ConcurrentBag<string> _refusedCorrelations = [];
    private readonly ConcurrentDictionary<string, string> _cases = new();

    /// <summary>Refusals the service records on purpose: a failed sign-in counts towards the account's lockout (ADR 0024).</summary>
    private static readonly string[] RecordedRefusals = ["sign_in_failed"];

    private sealed record FuzzCase(string Role, string Method, string Template, string Url, string? ContentType, string? Body)
    {
        public override string ToString() =>
            $"{Method} {Url} as {(Role == "" ? "anonymous" : Role)}" + (Body is null ? "" : $" [{ContentType}] {Truncate(Body, 600)}");

        private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + $"…(+{s.Length - max})";
    }

    private sealed record Operation(string Method, string Template, JsonElement Parameters, JsonElement? Body, string? BodyType)
    {
        public override string ToString() => $"{Method} {Template}";
    }

    [Fact]
    public async Task no_operation_answers_a_5xx_and_no_refused_request_appends_an_event()
    {
        var doc = JsonDocument.Parse((await app.Host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json"))).ReadAsText()).RootElement;
        _realIds = await RealIdsAsync();
        var operations = OperationsOf(doc).ToList();
        Assert.True(operations.Count > 60, $"the document lists only {operations.Count} operations");

        var tokens = new Dictionary<string, string>();
        foreach (var role in Roles.Where(r => r != "")) tokens[role] = await app.TokenFor(role);
        using var client = app.Host.Server.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);

        var failures = new List<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        foreach (var operation in operations)
        {
            var gen = CaseFor(operation, doc);
            try
            {
                await gen.SampleAsync(async c =>
                {
                    var status = await SendAsync(client, tokens, c);
                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                }, iter: RequestsPerOperation, threads: 1, print: c => c.ToString());
            }
            catch (Exception e)
            {
                failures.Add($"{operation}: {e.Message}\n  → {e.InnerException?.Message ?? e.GetBaseException().Message}");
            }
        }

        output.WriteLine($"{operations.Count} operations, statuses: " +
                         string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));

        // Nothing a refused request did may have reached the event store.
        var leaked = new List<string>();
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"select correlation_id, type from {app.Store.Options.Events.DatabaseSchemaName}.mt_events where correlation_id = any($1) and not type = any($2)",
                connection);
            command.Parameters.AddWithValue(_refusedCorrelations.ToArray());
            command.Parameters.AddWithValue(RecordedRefusals);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                leaked.Add($"{reader.GetString(1)} by {_cases.GetValueOrDefault(reader.GetString(0), reader.GetString(0))}");
        }
        Assert.True(leaked.Count == 0, "refused requests appended events:\n" + string.Join("\n", leaked));
        Assert.True(statuses.Keys.Any(s => s is >= 200 and < 300), "no generated request was ever accepted: the generator only tests the binding guard");
    }

    private async Task<int> SendAsync(HttpClient client, IReadOnlyDictionary<string, string> tokens, FuzzCase c)
    {
        var correlation = "fuzz" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Url);
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", correlation);
        _cases[correlation] = c.ToString();
        if (c.Role != "") request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[c.Role]);
        if (c.Body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(c.Body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (Exception e) when (e is not TaskCanceledException)
        {
            // The test server hands back what escaped the whole pipeline: on a real server, a 500 without a body.
            throw new InvalidOperationException($"unhandled by the pipeline: {e}");
        }
        using var _ = response;
        var status = (int)response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var text = mediaType is "application/json" or "application/problem+json" ? await response.Content.ReadAsStringAsync() : "";
        if (status >= 500) throw new InvalidOperationException($"{status}: {text}");
        if (status >= 400)
        {
            _refusedCorrelations.Add(correlation);
            if (mediaType != "application/problem+json")
                throw new InvalidOperationException($"{status} answered as {mediaType ?? "no body"}, not as a problem");
            if (text.Contains("   at ") || text.Contains("System.") || text.Contains("Npgsql"))
                throw new InvalidOperationException($"{status} leaks internals: {text}");
        }
        return status;
    }

    private static IEnumerable<Operation> OperationsOf(JsonElement doc)
    {
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            // Live streams never end; they have tests of their own.
            if (path.Name.EndsWith("/stream", StringComparison.Ordinal)) continue;
            foreach (var method in path.Value.EnumerateObject())
            {
                if (method.Name is "parameters" or "summary" or "description" or "servers") continue;
                var op = method.Value;
                var parameters = op.TryGetProperty("parameters", out var p) ? p : JsonDocument.Parse("[]").RootElement;
                JsonElement? body = null;
                string? bodyType = null;
                if (op.TryGetProperty("requestBody", out var rb) && rb.TryGetProperty("content", out var content))
                {
                    foreach (var media in content.EnumerateObject())
                    {
                        bodyType = media.Name;
                        body = media.Value.TryGetProperty("schema", out var schema) ? schema : null;
                        if (media.Name.Contains("json")) break;
                    }
                }
                yield return new Operation(method.Name.ToUpperInvariant(), path.Name, parameters, body, bodyType);
            }
        }
    }

    private Gen<FuzzCase> CaseFor(Operation operation, JsonElement doc)
    {
        var role = Gen.OneOf(Roles);
        var url = UrlFor(operation, doc);
        var body = operation.BodyType is null
            ? Gen.Const<(string?, string?)>((null, null))
            : BodyFor(operation, doc);
        return Gen.Select(role, url, body, (r, u, b) => new FuzzCase(r, operation.Method, operation.Template, u, b.Item1, b.Item2));
    }

    private static Gen<string> UrlFor(Operation operation, JsonElement doc)
    {
        var path = Gen.Const(operation.Template);
        var query = Gen.Const(ImmutableList<string>.Empty);
        foreach (var parameter in operation.Parameters.EnumerateArray())
        {
            var p = Resolve(parameter, doc);
            var name = p.GetProperty("name").GetString()!;
            var schema = p.TryGetProperty("schema", out var s) ? Resolve(s, doc) : default;
            var value = ScalarFor(schema, doc);
            switch (p.GetProperty("in").GetString())
            {
                case "path":
                    var placeholder = "{" + name + "}";
                    // No NUL in a path: Kestrel refuses the request line itself (400), and the test server cannot even build it.
                    path = path.SelectMany(t => value.Select(v => t.Replace(placeholder, PathSegment(v))));
                    break;
                case "query":
                    query = query.SelectMany(list => Gen.Int[0, 3].SelectMany(k => value.Select(v =>
                        k == 0 ? list : list.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(v)}"))));
                    break;
            }
        }
        return Gen.Select(path, query, (p, q) => q.IsEmpty ? p : p + "?" + string.Join("&", q));
    }

    /// <summary>A path or query value: mostly a plausible one for the schema, often a hostile one.</summary>
    private static Gen<string> ScalarFor(JsonElement schema, JsonElement doc)
    {
        var nasty = Gen.OneOf(NastyStrings);
        var random = Gen.Char.Array[0, 24].Select(a => new string(a));
        var plausible = Plausible(schema, doc);
        return Gen.Frequency<string>((4, plausible), (3, nasty), (1, random));
    }

    private static Gen<string> Plausible(JsonElement schema, JsonElement doc)
    {
        if (schema.ValueKind != JsonValueKind.Object) return Gen.OneOf("1", "abc", EmptyGuid);
        if (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
            return Gen.OneOf(values.EnumerateArray().Select(v => v.ToString()).ToArray());
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var type = TypeOf(schema);
        return (type, format) switch
        {
            (_, "uuid") => _realIds.IsEmpty ? Gen.Guid.Select(g => g.ToString()) : Gen.Frequency<string>((3, Gen.OneOf(_realIds.ToArray())), (1, Gen.Guid.Select(g => g.ToString()))),
            (_, "date-time") => Gen.Int[-800, 800].Select(d => new DateTimeOffset(2026, 11, 15, 8, 0, 0, TimeSpan.FromHours(8)).AddDays(d).ToString("O", CultureInfo.InvariantCulture)),
            (_, "date") => Gen.Int[-800, 800].Select(d => new DateOnly(2026, 11, 15).AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("integer", _) => Gen.Int[-5, 500].Select(i => i.ToString(CultureInfo.InvariantCulture)),
            ("number", _) => Gen.Double[-10, 1000].Select(d => d.ToString(CultureInfo.InvariantCulture)),
            ("boolean", _) => Gen.OneOf("true", "false"),
            _ => Gen.OneOf("2026-11", "南翔", "灭火器", "A", "1", "2026-11-01")
        };
    }

    private static Gen<(string?, string?)> BodyFor(Operation operation, JsonElement doc)
    {
        if (operation.BodyType!.StartsWith("multipart/", StringComparison.Ordinal))
        {
            return Gen.OneOf(
                ("multipart/form-data; boundary=B", "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\nPK\u0003\u0004garbage\r\n--B--\r\n"),
                ("multipart/form-data; boundary=B", "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n名称,地址\r\n\u0000,\r\n--B--\r\n"),
                ("multipart/form-data; boundary=B", "--B\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n"),
                ("multipart/form-data", "no boundary"),
                ("application/json", "{}")).Select(t => ((string?)t.Item1, (string?)t.Item2));
        }

        var shaped = operation.Body is { } schema ? JsonFor(schema, doc, 0) : Gen.Const("{}");
        var whole = Gen.OneOf("null", "", "[]", "\"text\"", "42", "{", "{\"a\":}", new string('[', 3000) + new string(']', 3000), "{\"\u0000\":1}");
        var type = Gen.Frequency<string>((12, Gen.Const("application/json")), (1, Gen.Const("text/plain")), (1, Gen.Const("application/json; charset=gbk")));
        return Gen.Select(type, Gen.Frequency<string>((6, shaped), (1, whole)), (t, b) => ((string?)t, (string?)b));
    }

    /// <summary>JSON text for a schema: a value of its shape with hostile values and wrong types mixed in.</summary>
    private static Gen<string> JsonFor(JsonElement schema, JsonElement doc, int depth)
    {
        schema = Resolve(schema, doc);
        var wrong = Gen.OneOf("null", "true", "0", "-1", "\"\"", "\"\\u0000\"", "[]", "{}", "1e400", "\"" + EmptyGuid + "\"");
        if (schema.ValueKind != JsonValueKind.Object || depth > 4) return wrong;
        var nasty = Gen.OneOf(NastyStrings).Select(JsonText);

        if (schema.TryGetProperty("oneOf", out var oneOf) || schema.TryGetProperty("anyOf", out oneOf) || schema.TryGetProperty("allOf", out oneOf))
        {
            var first = oneOf.EnumerateArray().FirstOrDefault(e => !(e.TryGetProperty("type", out var t) && t.GetString() == "null"));
            return first.ValueKind == JsonValueKind.Object ? JsonFor(first, doc, depth) : wrong;
        }

        var shaped = TypeOf(schema) switch
        {
            "object" => ObjectFor(schema, doc, depth),
            "array" => schema.TryGetProperty("items", out var items)
                ? Gen.Frequency<string>(
                    (5, JsonFor(items, doc, depth + 1).Array[0, 3].Select(a => "[" + string.Join(",", a) + "]")),
                    (1, Gen.Const("[" + string.Join(",", Enumerable.Repeat("\"x\"", 5000)) + "]")))
                : Gen.Const("[]"),
            "integer" or "number" => Gen.Frequency<string>((3, Plausible(schema, doc)), (2, Gen.OneOf(NastyNumbers))),
            "boolean" => Gen.OneOf("true", "false"),
            _ => Plausible(schema, doc).Select(JsonText)
        };
        return Gen.Frequency<string>((10, shaped), (2, nasty), (1, wrong));
    }

    private static Gen<string> ObjectFor(JsonElement schema, JsonElement doc, int depth)
    {
        var members = Gen.Const(ImmutableList<string>.Empty);
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                var name = JsonText(property.Name);
                var value = JsonFor(property.Value, doc, depth + 1);
                members = members.SelectMany(list => Gen.Int[0, 9].SelectMany(k => value.Select(v => k == 0 ? list : list.Add($"{name}:{v}"))));
            }
        }
        var extra = Gen.OneOf("", "\"__proto__\":{\"admin\":true}", "\"id\":\"" + EmptyGuid + "\"", "\"version\":-1", "\"unknownField\":[1,2]");
        return Gen.Select(members, extra, (list, e) => "{" + string.Join(",", e == "" ? list : list.Add(e)) + "}");
    }

    private static string PathSegment(string value)
    {
        var bare = value.Replace("\0", "");
        return Uri.EscapeDataString(bare == "" ? " " : bare);
    }

    private static string JsonText(string value) => JsonSerializer.Serialize(value);

    private static string? TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type)) return schema.TryGetProperty("properties", out _) ? "object" : null;
        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null")
            : type.GetString();
    }

    private static JsonElement Resolve(JsonElement element, JsonElement doc)
    {
        for (var hops = 0; hops < 8 && element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out var reference); hops++)
        {
            var target = doc;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
                if (!target.TryGetProperty(part.Replace("~1", "/").Replace("~0", "~"), out target)) return default;
            element = target;
        }
        return element;
    }

    private async Task<ImmutableArray<string>> RealIdsAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var schema = app.Store.Options.Events.DatabaseSchemaName;
        await using var command = new NpgsqlCommand(
            $"select id::text from (select distinct on (type) id, type from {schema}.mt_streams order by type, id) s " +
            $"union all (select id::text from {schema}.mt_streams order by random() limit 40)", connection);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return [.. ids];
    }
}
