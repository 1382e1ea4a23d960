using System.Text.Json.Serialization;
using FluentValidation;
using JasperFx.CodeGeneration;
using Wolverine;
using Wolverine.Http;

namespace AnJiaXing.Platform;

/// <summary>
/// Everything the platform offers every module, registered once: configuration, logging, JSON, problem details,
/// authentication and authorization, validation, health, OpenAPI, the event store with its metadata and ledger,
/// evidence, idempotency, demo seeding and Wolverine (HTTP endpoints and messaging). The host calls this with its modules.
/// </summary>
public static class PlatformSetup
{
    /// <summary>Where <c>codegen write</c> puts Wolverine's generated code; only the Release build sets it (the host's project file).</summary>
    public const string GeneratedCodePathKey = "AnJiaXing:GeneratedCodePath";

    public static void AddAnJiaXingPlatform(this WebApplicationBuilder builder, IReadOnlyList<IAnJiaXingModule> modules)
    {
        var services = builder.Services;
        services.AddSingleton(modules);
        services.Configure<AnJiaXingOptions>(builder.Configuration.GetSection(AnJiaXingOptions.Section));

        builder.AddAnJiaXingLogging();
        builder.AddAnJiaXingTelemetry();
        services.AddHttpContextAccessor();
        services.AddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        services.AddAnJiaXingProblemDetails();
        services.AddAnJiaXingLocalization();
        services.AddAnJiaXingAuth();
        services.AddAnJiaXingRateLimits();
        // A rule stops at its first failed check: `NotEmpty().Must(ids => ids.Length …)` must never run the predicate on
        // the null the first check refused (a body with `"enterpriseIds": null` was a NullReferenceException, a 500).
        // Set before any validator is built: a validator takes the default when it is constructed.
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        services.AddValidatorsFromAssemblyContaining<IAnJiaXingModule>(ServiceLifetime.Singleton, includeInternalTypes: true);
        foreach (var module in modules)
            services.AddValidatorsFromAssembly(module.GetType().Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddAnJiaXingHealth();
        services.AddAnJiaXingSwagger(modules);
        services.AddAnJiaXingMarten(modules);
        services.Configure<EvidenceOptions>(builder.Configuration.GetSection(EvidenceOptions.Section));
        services.AddSingleton<IEvidenceBlobStore, EvidenceBlobStore>();
        services.Configure<LedgerOptions>(builder.Configuration.GetSection(LedgerOptions.Section));
        services.AddSingleton<LedgerSigningKey>();
        services.AddSingleton(sp => LedgerTrust.For(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<LedgerOptions>>(), sp.GetRequiredService<LedgerSigningKey>()));
        services.AddSingleton<LedgerExport>();
        services.AddSingleton<LedgerDigests>();
        services.AddSingleton<LedgerDatabases>();
        services.AddSingleton<DistrictHeads>();
        services.AddSingleton<LedgerEvidence>();
        services.AddSingleton<LedgerWitness>();
        services.AddHttpClient(LedgerWitness.Client, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<AuditTrail>();
        // The ledger's trigger must exist before anything appends: install it ahead of the demo seeder and the modules' own start-up work.
        services.AddHostedService<LedgerInstaller>();
        services.AddSingleNodeWork<LedgerDigestService>();
        services.AddSingleNodeWorkFamily();
        builder.Host.UseWolverine(opts =>
        {
            opts.Policies.AutoApplyTransactions();
            opts.Discovery.IncludeAssembly(typeof(IAnJiaXingModule).Assembly);
            foreach (var module in modules) opts.Discovery.IncludeAssembly(module.GetType().Assembly);
            // Release builds carry the generated handler code in the host's assembly (ADR 0032): it is loaded, never
            // compiled, so Roslyn stays out of the process. A build without it (Debug, the tests) compiles each chain on
            // its first use. Nothing is ever written at run time.
            opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Auto;
            opts.CodeGeneration.SourceCodeWritingEnabled = false;
            if (builder.Configuration[GeneratedCodePathKey] is { Length: > 0 } generated)
                opts.CodeGeneration.GeneratedCodeOutputPath = generated;
            opts.UseSystemTextJsonForSerialization(ConfigureJson);
            var nodes = builder.Configuration.GetSection($"{AnJiaXingOptions.Section}:Nodes").Get<NodeOptions>() ?? new NodeOptions();
            opts.Durability.HealthCheckPollingTime = nodes.HealthCheckInterval;
            opts.Durability.StaleNodeTimeout = nodes.StaleAfter;
            // The leader's full check that every agent runs where it is assigned (30 s by Wolverine's default).
            opts.Durability.CheckAssignmentPeriod = nodes.StaleAfter;
            foreach (var module in modules) module.ConfigureWolverine(opts);
        });
        // After Wolverine, so demo seeds can hand messages to the modules' handlers the way requests do.
        services.AddHostedService<DemoDataSeeder>();
        foreach (var module in modules) module.ConfigureServices(services, builder.Configuration);
        services.AddSingleton<Tenancy.TownTenantDetection>();
        services.AddWolverineHttp();
        builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
    }

    /// <summary>The request pipeline, in the order that matters: correlation, request log, problems, then the host's
    /// static pages (<paramref name="pages"/>), OpenAPI, authentication, signatures, and every module's endpoints.</summary>
    public static void UseAnJiaXingPlatform(this WebApplication app, Action<WebApplication>? pages = null)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AnJiaXingOptions>>().Value;

        app.UseCorrelationId();
        app.UseAnJiaXingMetrics();
        // Before the problem handler, so every problem (and FluentValidation's messages) is in the caller's language.
        app.UseRequestLocalization();
        app.UseAnJiaXingSecurityHeaders();
        // Outside the exception handler, so each request is logged with the status the client really got.
        app.UseAnJiaXingRequestLogging();
        app.UseAnJiaXingProblemDetails();
        pages?.Invoke(app);
        if (options.Swagger) app.UseAnJiaXingSwagger();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UsePersonalSignatures();

        app.MapAnJiaXingHealth();
        app.MapWolverineEndpoints(o =>
        {
            o.RejectUnparseableQueryValues = true;
            o.AddPolicy<FluentValidationPolicy>();
            // Inserts its guard ahead of validation: malformed input is refused before anything reads it as a command.
            o.AddPolicy<RequestBindingPolicy>();
            // Idempotency-Key on every create endpoint marked [IdempotentCreate], keyed by the route template.
            o.AddPolicy<IdempotencyPolicy>();
            // Which database a request uses when towns have their own (ADR 0030). Registered with none too: the
            // detection is part of the generated handler code, which Release builds carry (ADR 0032), so the same code
            // serves one database and several; with one it answers at once.
            o.TenantId.DetectWith(app.Services.GetRequiredService<Tenancy.TownTenantDetection>());
            o.Policies.Add(new Tenancy.ModuleHomePolicy(app.Services.GetRequiredService<IReadOnlyList<IAnJiaXingModule>>()));
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
