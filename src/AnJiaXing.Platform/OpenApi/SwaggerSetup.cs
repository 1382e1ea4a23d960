using Microsoft.OpenApi;

namespace AnJiaXing.Platform.OpenApi;

public static class SwaggerSetup
{
    public static IServiceCollection AddAnJiaXingSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "AnJiaXing 安嘉行 API",
                Version = "v1",
                Description = "Event-sourced hazard ledger for district safety supervision."
            });
            o.CustomSchemaIds(t => t.FullName!.Replace("AnJiaXing.Platform.", "").Replace("AnJiaXing.", "").Replace(".Contracts.", ".").Replace('+', '.'));
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
