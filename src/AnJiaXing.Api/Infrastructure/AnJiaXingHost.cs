using System.Text.Json.Serialization;
using AnJiaXing.Api.Checklists;
using AnJiaXing.Api.Demo;
using AnJiaXing.Api.Evidence;
using AnJiaXing.Api.Hazards;
using AnJiaXing.Api.Enterprises;
using AnJiaXing.Api.Identity;
using AnJiaXing.Api.Inspections;
using AnJiaXing.Api.Ledger;
using AnJiaXing.Api.Statistics;
using AnJiaXing.Api.Knowledge;
using AnJiaXing.Api.Infrastructure.Configuration;
using AnJiaXing.Api.Infrastructure.Health;
using AnJiaXing.Api.Infrastructure.Http;
using AnJiaXing.Api.Infrastructure.Idempotency;
using AnJiaXing.Api.Infrastructure.Logging;
using AnJiaXing.Api.Infrastructure.OpenApi;
using AnJiaXing.Api.Infrastructure.Persistence;
using AnJiaXing.Api.Infrastructure.Security;
using AnJiaXing.Api.Infrastructure.Validation;
using FluentValidation;
using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.AspNetCore.Identity;
using Wolverine;
using Wolverine.Http;

namespace AnJiaXing.Api.Infrastructure;

/// <summary>The composition root: every cross-cutting concern is registered here once.</summary>
public static class AnJiaXingHost
{
    public static void ConfigureServices(WebApplicationBuilder builder)
    {
        builder.Services.Configure<AnJiaXingOptions>(builder.Configuration.GetSection(AnJiaXingOptions.Section));

        builder.AddAnJiaXingLogging();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        builder.Services.AddAnJiaXingProblemDetails();
        builder.Services.AddAnJiaXingAuth();
        builder.Services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);
        builder.Services.AddAnJiaXingHealth();
        builder.Services.AddAnJiaXingSwagger();
        builder.Services.AddAnJiaXingMarten();
        builder.Services.Configure<EvidenceOptions>(builder.Configuration.GetSection(EvidenceOptions.Section));
        builder.Services.AddSingleton<IEvidenceBlobStore, EvidenceBlobStore>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, HazardAuthorizationHandler>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, InspectionAuthorizationHandler>();
        builder.Services.Configure<LedgerOptions>(builder.Configuration.GetSection(LedgerOptions.Section));
        builder.Services.AddSingleton<LedgerSigningKey>();
        builder.Services.AddSingleton<LedgerDigests>();
        builder.Services.AddSingleton<AnJiaXing.Api.Audit.AuditTrail>();
        // The ledger's trigger must exist before anything appends: install it ahead of the demo seeder.
        builder.Services.AddHostedService<LedgerInstaller>();
        builder.Services.AddHostedService<LedgerDigestService>();
        builder.Services.AddSingleton<IDemoSeed, DistrictSeed>();
        builder.Services.AddSingleton<IDemoSeed, EnterpriseSeed>();
        builder.Services.AddSingleton<IDemoSeed, HazardDemoSeed>();
        builder.Services.AddSingleton<IDemoSeed, InspectionDemoSeed>();
        builder.Services.AddHostedService<DemoDataSeeder>();
        builder.Services.AddHostedService<BuiltInChecklistPublisher>();
        builder.Services.AddHostedService<BuiltInKnowledgePublisher>();

        builder.Host.UseWolverine(opts =>
        {
            opts.Policies.AutoApplyTransactions();
            // Authorization handlers have a public HandleAsync; they are not message handlers.
            opts.Discovery.CustomizeHandlerDiscovery(q => q.Excludes.Implements<Microsoft.AspNetCore.Authorization.IAuthorizationHandler>());
            opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Dynamic;
            // ASP.NET registers its authorization service with a non-public type, which generated code cannot construct.
            opts.CodeGeneration.AlwaysUseServiceLocationFor<Microsoft.AspNetCore.Authorization.IAuthorizationService>();
            opts.UseSystemTextJsonForSerialization(ConfigureJson);
            opts.ConfigureInspectionMessaging();
        });
        builder.Services.AddWolverineHttp();
        builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
    }

    public static void Configure(WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AnJiaXingOptions>>().Value;

        app.UseCorrelationId();
        // Outside the exception handler, so each request is logged with the status the client really got.
        app.UseAnJiaXingRequestLogging();
        app.UseAnJiaXingProblemDetails();
        app.UseDashboard();
        if (options.Swagger) app.UseAnJiaXingSwagger();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UsePersonalSignatures();

        app.MapAnJiaXingHealth();
        app.MapWolverineEndpoints(o =>
        {
            o.RejectUnparseableQueryValues = true;
            o.AddPolicy<FluentValidationPolicy>();
            o.AddPolicy<IdempotencyPolicy>();
        });
    }

    public static void ConfigureJson(System.Text.Json.JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase;
        json.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        if (!json.Converters.OfType<JsonStringEnumConverter>().Any())
            json.Converters.Add(new JsonStringEnumConverter());
    }
}
