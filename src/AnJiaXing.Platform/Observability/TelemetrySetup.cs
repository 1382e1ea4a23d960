using System.Net;
using Marten;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AnJiaXing.Platform.Observability;

/// <summary>Settings under "AnJiaXing:Telemetry".</summary>
public sealed class TelemetryOptions
{
    public const string Section = "AnJiaXing:Telemetry";

    /// <summary>Serve the Prometheus text format at <see cref="MetricsPath"/>.</summary>
    public bool Prometheus { get; set; } = true;

    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>Networks (CIDR, e.g. "10.0.0.0/8") besides loopback that may scrape the metrics; others get a 404.</summary>
    public string[] MetricsAllowedFrom { get; set; } = [];
}

/// <summary>
/// OpenTelemetry once for every module (ADR 0028): traces of ASP.NET Core, outgoing HTTP, Wolverine (handlers, sends,
/// the outbox), Marten (sessions and connections) and Npgsql (every SQL command) in one trace per request; metrics of
/// requests, Wolverine's executions and deliveries, Marten's appends and the async daemon's gap (its lag).
/// Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and scraped in Prometheus format at /metrics.
/// </summary>
public static class TelemetrySetup
{
    public const string ServiceName = "anjiaxing";

    public static void AddAnJiaXingTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<TelemetryOptions>(builder.Configuration.GetSection(TelemetryOptions.Section));
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var prometheus = builder.Configuration.GetValue($"{TelemetryOptions.Section}:{nameof(TelemetryOptions.Prometheus)}", true);

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(o => o.Filter = http => !IsQuiet(http.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddSource("Wolverine")
                    .AddSource("Marten")
                    .AddNpgsql();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter("Wolverine*")
                    .AddMeter("Marten")
                    .AddMeter("Npgsql");
                if (prometheus) metrics.AddPrometheusExporter();
            });
        if (otlp) telemetry.UseOtlpExporter();
    }

    /// <summary>Marten's spans of sessions and connections, and its counter of appended events (<c>marten.event.append</c>).</summary>
    public static void ConfigureTelemetry(this StoreOptions opts)
    {
        opts.OpenTelemetry.TrackConnections = JasperFx.OpenTelemetry.TrackLevel.Normal;
        opts.OpenTelemetry.TrackEventCounters();
    }

    /// <summary>The scrape endpoint, answered only to loopback and the configured networks (a 404 to anyone else).</summary>
    public static void UseAnJiaXingMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value;
        if (!options.Prometheus) return;
        var networks = options.MetricsAllowedFrom.Select(IPNetwork.Parse).ToList();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(http =>
            http.Request.Path == options.MetricsPath && MayScrape(http.Connection.RemoteIpAddress, networks));
    }

    private static bool MayScrape(IPAddress? address, IReadOnlyList<IPNetwork> networks)
    {
        // The in-process test server has no remote address: it is this machine.
        if (address is null || IPAddress.IsLoopback(address)) return true;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return networks.Any(n => n.Contains(address));
    }

    private static bool IsQuiet(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/swagger");
}
