using System.Security.Claims;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace AnJiaXing.Platform.Logging;

public static class SerilogSetup
{
    /// <summary>Structured logs: human-readable on a terminal, compact JSON lines when stdout is a pipe or file. Serilog
    /// takes the trace and span ids of <c>Activity.Current</c> onto every event (<c>@tr</c>, <c>@sp</c> in JSON), so a log
    /// line leads to its trace (ADR 0028).</summary>
    public static void AddAnJiaXingLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, config) =>
        {
            config.ReadFrom.Configuration(builder.Configuration)
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .MinimumLevel.Override("Marten", LogEventLevel.Warning)
                .MinimumLevel.Override("Wolverine", LogEventLevel.Warning)
                .MinimumLevel.Override("JasperFx", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Application", "AnJiaXing");
            // A command-line verb's stdout is its result alone: its logs go to stderr.
            LogEventLevel? toStandardError = CommandLineOutput.IsVerb ? LogEventLevel.Verbose : null;
            if (CommandLineOutput.IsVerb ? Console.IsErrorRedirected : Console.IsOutputRedirected)
                config.WriteTo.Console(new RenderedCompactJsonFormatter(), standardErrorFromLevel: toStandardError);
            else
                config.WriteTo.Console(outputTemplate:
                    "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {CorrelationId} {UserId} {TraceId}{NewLine}{Exception}",
                    standardErrorFromLevel: toStandardError);
        });
    }

    /// <summary>One summary line per request, carrying the user id and correlation id.</summary>
    public static void UseAnJiaXingRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("CorrelationId", CorrelationId.Of(http));
                diagnostics.Set("UserId", http.User.FindFirstValue(AnJiaXingClaims.UserId) ?? "anonymous");
                diagnostics.Set("ClientIp", http.Connection.RemoteIpAddress?.ToString() ?? "");
            };
            options.GetLevel = (http, _, ex) =>
                http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Verbose
                : LogEventLevel.Information;
        });
    }
}
