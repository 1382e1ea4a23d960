using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using Wolverine.Http;

namespace AnJiaXing.Platform.OpenApi;

/// <summary>
/// Makes the generated document real documentation, derived from each endpoint's metadata so a new endpoint is
/// documented without touching the platform: the tag of its module, its words from the module's
/// <see cref="OperationTexts"/>, every problem answer it can give (401/403 behind <c>[Authorize]</c>, 404 on routes
/// with parameters, 409 and <c>If-Match</c> on commands carrying <c>expectedVersion</c>, 400 on input, 413/415 and a
/// multipart body on <see cref="FileUploadAttribute"/>, 201, 409/422 and <c>Idempotency-Key</c> on
/// <see cref="IdempotentCreateAttribute"/>, 429 on rate-limited endpoints, 503 everywhere) and an example body.
/// </summary>
public sealed class OperationDocumentation : IOperationFilter, IDocumentFilter
{
    private readonly Dictionary<Assembly, string> _moduleOf;
    private readonly Dictionary<string, OperationText> _texts = [];
    private readonly Dictionary<string, (string Zh, string En)> _tags = [];

    public OperationDocumentation(IReadOnlyList<IAnJiaXingModule> modules)
    {
        _moduleOf = modules.ToDictionary(m => m.GetType().Assembly, m => m.Name);
        foreach (var texts in OperationTexts.In(modules.Select(m => m.GetType().Assembly).Append(typeof(IAnJiaXingModule).Assembly)))
        {
            if (_moduleOf.TryGetValue(texts.GetType().Assembly, out var module)) _tags[module] = (texts.TagZh, texts.TagEn);
            foreach (var (tag, words) in texts.Areas) _tags[tag] = words;
            foreach (var text in texts.Texts)
                if (!_texts.TryAdd(text.OperationId, text))
                    throw new InvalidOperationException($"Two texts for the operation '{text.OperationId}'.");
        }
    }

    /// <summary>The tag of an endpoint: its module's name, or for the platform's own endpoints their area (Audit, Ledger, …).</summary>
    public IList<string> TagOf(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription api)
    {
        var type = (api.ActionDescriptor as ControllerActionDescriptor)?.MethodInfo.DeclaringType;
        if (type is null) return ["Platform"];
        if (_moduleOf.TryGetValue(type.Assembly, out var module)) return [module];
        var ns = type.Namespace?.Split('.') ?? [];
        return [ns.Length > 2 && ns[0] == "AnJiaXing" && ns[1] == "Platform" ? ns[2] : "Platform"];
    }

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var chain = (context.ApiDescription.ActionDescriptor as WolverineActionDescriptor)?.Chain;
        var method = context.MethodInfo;
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata ?? [];
        var attributes = method is null ? [] : method.GetCustomAttributes(true).Concat(method.DeclaringType?.GetCustomAttributes(true) ?? []).ToList();
        bool Has<T>() => metadata.OfType<T>().Any() || attributes.OfType<T>().Any();

        var id = operation.OperationId ?? chain?.OperationId ?? "";
        _texts.TryGetValue(id, out var text);
        if (text is not null)
        {
            operation.Summary = $"{text.SummaryZh} · {text.SummaryEn}";
            operation.Description = Join(text.DescriptionZh, text.DescriptionEn);
        }

        var requestType = chain is { HasRequestType: true } ? chain.RequestType : text?.Body;
        var extra = text?.Problems ?? [];
        var upload = method?.GetCustomAttribute<FileUploadAttribute>();
        var create = method?.GetCustomAttribute<IdempotentCreateAttribute>() is not null;
        var routeParameters = chain?.RoutePattern?.Parameters.Count ?? context.ApiDescription.ParameterDescriptions.Count(p => p.Source?.Id == "Path");
        var hasQuery = context.ApiDescription.ParameterDescriptions.Any(p => p.Source?.Id == "Query");
        var httpMethod = context.ApiDescription.HttpMethod?.ToUpperInvariant() ?? "GET";
        var versioned = requestType?.GetProperty("ExpectedVersion") is not null;
        var secured = Has<IAuthorizeData>() && !Has<IAllowAnonymous>();

        operation.Responses ??= new OpenApiResponses();
        ReplaceSuccess(operation, context, create, text?.Answer);
        foreach (var (status, response) in operation.Responses)
            if (status.StartsWith('2') && response is OpenApiResponse success && int.TryParse(status, out var code))
                success.Description = Describe(code);

        // The platform's answers, whatever Wolverine guessed: one description and one schema per status.
        foreach (var status in new[] { "400", "401", "403", "404", "409", "413", "415", "422", "429", "500", "503" })
            operation.Responses.Remove(status);
        if (requestType is not null || hasQuery || upload is not null || routeParameters > 0) Problem(operation, context, 400);
        if (secured) { Problem(operation, context, 401); Problem(operation, context, 403); }
        // No bearer token: an empty requirement overrides the document's default (a device key or a signature may still apply).
        else operation.Security = new List<OpenApiSecurityRequirement>();
        if (routeParameters > 0) Problem(operation, context, 404);
        if (versioned || create || (routeParameters > 0 && httpMethod != "GET")) Problem(operation, context, 409);
        if (upload is not null) { Problem(operation, context, 413); Problem(operation, context, 415); }
        if (create) Problem(operation, context, 422);
        if (Has<EnableRateLimitingAttribute>()) Problem(operation, context, 429);
        foreach (var status in extra) Problem(operation, context, status);
        Problem(operation, context, 500);
        Problem(operation, context, 503);

        operation.Parameters ??= new List<IOpenApiParameter>();
        if (versioned)
            Header(operation, "If-Match", "乐观并发：上次读取时的 ETag，如 \"3\"；与当前版本不符时答 409（附当前状态）。也可在请求体中给出 expectedVersion。 · " +
                                         "Optimistic concurrency: the ETag of your last read, e.g. \"3\"; a stale one answers 409 with the current state. Or give expectedVersion in the body.");
        if (create)
            Header(operation, "Idempotency-Key", "幂等键（可选）：同一键与同一请求体重试时返回首次的应答；同一键配不同请求体答 422。 · " +
                                                "Optional: a retry with the same key and body gets the first answer; the same key with another body is a 422.");

        if (upload is not null) UploadBody(operation, upload);
        else if (requestType is not null)
        {
            if (operation.RequestBody is null && text?.Body is { } body)
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, IOpenApiMediaType>
                    {
                        ["application/json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(body, context.SchemaRepository) }
                    }
                };
            ExampleBody(operation, text?.Example, requestType);
        }
    }

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        // Wolverine's guess for IResult endpoints, replaced above by their true answers.
        document.Components?.Schemas?.Remove("IResult");
        document.Tags ??= new HashSet<OpenApiTag>();
        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name).Where(n => n is not null).Distinct().Order().ToList();
        foreach (var name in used)
        {
            var existing = document.Tags.FirstOrDefault(t => t.Name == name);
            var description = _tags.TryGetValue(name!, out var words) ? $"{words.Zh} · {words.En}" : null;
            if (existing is null) document.Tags.Add(new OpenApiTag { Name = name, Description = description });
            else existing.Description ??= description;
        }
    }

    private static void ReplaceSuccess(OpenApiOperation operation, OperationFilterContext context, bool create, Answer? answer)
    {
        var returnsResult = context.MethodInfo is { } m && UnwrapTask(m.ReturnType) == typeof(IResult);
        if (!returnsResult && answer is null) return;
        answer ??= create ? Answer.Created<CreatedResponse>() : null;
        if (answer is null) return;
        operation.Responses!.Remove("200");
        var response = new OpenApiResponse { Description = Describe(answer.Status) };
        if (answer.Body is not null)
            response.Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(answer.Body, context.SchemaRepository) }
            };
        else if (answer.ContentType is not null)
            response.Content = new Dictionary<string, IOpenApiMediaType>
            {
                [answer.ContentType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } }
            };
        if (answer.Status == StatusCodes.Status201Created)
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Location"] = new OpenApiHeader { Description = "新资源的地址 · The new resource's address", Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                ["ETag"] = new OpenApiHeader { Description = "新资源的版本，如 \"1\" · The new resource's version", Schema = new OpenApiSchema { Type = JsonSchemaType.String } }
            };
        operation.Responses[answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
    }

    private static Type UnwrapTask(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? type.GetGenericArguments()[0] : type;

    private static void Problem(OpenApiOperation operation, OperationFilterContext context, int status)
    {
        var type = status == 400 ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
        operation.Responses![status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
        {
            Description = Describe(status),
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/problem+json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(type, context.SchemaRepository) }
            }
        };
    }

    /// <summary>What each status means here, Chinese first (ADR 0007).</summary>
    public static string Describe(int status) => status switch
    {
        200 => "成功 · OK",
        201 => "已创建：Location 指向新资源，ETag 为其版本 · Created: Location is the new resource, ETag its version",
        202 => "已受理 · Accepted",
        204 => "成功，无内容 · Done, no content",
        400 => "请求无效：JSON 格式错误、字段缺失或未通过校验，errors 按字段（camelCase）列出原因 · Bad request: malformed input or failed validation; errors lists the reasons by field",
        401 => "未登录，或令牌无效、已过期 · Not signed in, or the token is invalid or expired",
        403 => "已登录，但您的角色无权执行此操作 · Signed in, but your role may not do this",
        404 => "不存在，或不在您的辖区内 · Not found, or outside your scope",
        409 => "冲突：版本已过期（附当前版本与状态），或当前状态不允许此步骤 · Conflict: a stale version (with the current one), or a step the current state does not allow",
        413 => "文件过大（或展开后过大、行列过多） · The upload is too large (or expands too far, or has too many rows or columns)",
        415 => "文件类型不支持（按内容判断） · Unsupported file type (judged by its content)",
        422 => "幂等键已用于另一个请求体 · The Idempotency-Key was used with another body",
        429 => "请求过于频繁，请按 Retry-After 稍后重试 · Too many requests; retry after Retry-After",
        500 => "服务器内部错误（附 correlationId，可据此查日志） · A server fault (with a correlationId to find it in the logs)",
        503 => "数据库暂不可用，请稍后重试 · The database is unavailable; retry later",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture)
    };

    private static void Header(OpenApiOperation operation, string name, string description)
    {
        if (operation.Parameters!.Any(p => p.In == ParameterLocation.Header && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))) return;
        operation.Parameters!.Add(new OpenApiParameter
        {
            Name = name, In = ParameterLocation.Header, Required = false, Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String }
        });
    }

    private static void UploadBody(OpenApiOperation operation, FileUploadAttribute upload) =>
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = $"multipart/form-data，字段 {upload.Field}：{upload.Accepts} · multipart/form-data with the field {upload.Field}: {upload.Accepts}",
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["multipart/form-data"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { upload.Field },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            [upload.Field] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = upload.Accepts }
                        }
                    }
                }
            }
        };

    private static void ExampleBody(OpenApiOperation operation, object? example, Type requestType)
    {
        if (operation.RequestBody?.Content is not { } content) return;
        var node = example is not null
            ? JsonSerializer.SerializeToNode(example, example.GetType(), ExampleJson)
            : ExampleValues.For(requestType);
        foreach (var media in content.Values.OfType<OpenApiMediaType>()) media.Example = node?.DeepClone();
    }

    private static readonly JsonSerializerOptions ExampleJson = CreateExampleJson();

    private static JsonSerializerOptions CreateExampleJson()
    {
        var json = new JsonSerializerOptions();
        PlatformSetup.ConfigureJson(json);
        return json;
    }

    private static string? Join(string? zh, string? en) =>
        (zh, en) switch
        {
            (null, null) => null,
            (not null, null) => zh,
            (null, not null) => en,
            _ => $"{zh}\n\n{en}"
        };
}
