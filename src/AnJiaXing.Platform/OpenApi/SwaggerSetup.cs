using Microsoft.OpenApi;

namespace AnJiaXing.Platform.OpenApi;

public static class SwaggerSetup
{
    public static IServiceCollection AddAnJiaXingSwagger(this IServiceCollection services, IReadOnlyList<IAnJiaXingModule> modules)
    {
        var documentation = new OperationDocumentation(modules);
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "AnJiaXing 安嘉行 API",
                Version = "v1",
                Description = "安嘉行：区县安全生产监管平台的接口，事件溯源的隐患台账。错误均为 RFC 9457 problem details，默认中文（Accept-Language: en 为英文）。\n\n" +
                              "AnJiaXing: the API of a district safety-supervision platform over an event-sourced hazard ledger. " +
                              "Errors are RFC 9457 problem details, in Chinese by default (English with Accept-Language: en)."
            });
            o.CustomSchemaIds(SchemaId);
            o.TagActionsBy(documentation.TagOf);
            o.AddOperationFilterInstance(documentation);
            o.AddDocumentFilterInstance(documentation);
            o.AddSecurityDefinition("Bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from POST /api/auth/token"
            });
            o.AddSecurityRequirement(doc => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference("Bearer", doc)] = []
            });
        });
        return services;
    }

    /// <summary>A readable, stable schema name: the namespace below <c>AnJiaXing</c>, generics spelled out
    /// (<c>PagedResultOfHazardsHazardView</c>), never an assembly-qualified name.</summary>
    public static string SchemaId(Type type)
    {
        static string Name(Type t)
        {
            if (t.IsConstructedGenericType)
            {
                var bare = t.GetGenericTypeDefinition().Name;
                var tick = bare.IndexOf('`', StringComparison.Ordinal);
                if (tick >= 0) bare = bare[..tick];
                return bare + "Of" + string.Join("And", t.GetGenericArguments().Select(a => Name(a).Replace(".", "", StringComparison.Ordinal)));
            }
            if (t.IsArray) return Name(t.GetElementType()!) + "Array";
            var full = t.FullName ?? t.Name;
            if (!full.StartsWith("AnJiaXing.", StringComparison.Ordinal)) return t.Name;
            return full.Replace("AnJiaXing.Platform.", "", StringComparison.Ordinal).Replace("AnJiaXing.", "", StringComparison.Ordinal)
                .Replace(".Contracts.", ".", StringComparison.Ordinal).Replace('+', '.');
        }
        return Name(type);
    }

    public static void UseAnJiaXingSwagger(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/swagger/v1/swagger.json", "AnJiaXing v1");
            o.DocumentTitle = "AnJiaXing 安嘉行 API";
        });
    }
}
