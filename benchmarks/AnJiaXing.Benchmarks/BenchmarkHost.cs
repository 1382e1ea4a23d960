/// <summary>
/// The real service host inside a benchmark process, on the benchmark's database: the same composition as the
/// service, quiet logs, no hourly digest in the middle of a measurement, any free loopback port (nothing calls it over
/// HTTP, and 5000 may be taken).
/// </summary>
public static class BenchmarkHost
{
    public static WebApplicationBuilder Builder(string connection, bool demoData = false)
    {
        var builder = WebApplication.CreateBuilder([]);
        builder.Configuration["ConnectionStrings:AnJiaXing"] = connection;
        if (demoData) builder.Configuration["AnJiaXing:DemoData"] = "true";
        builder.Configuration["AnJiaXing:DataFolder"] = Path.Combine(Path.GetTempPath(), "anjiaxing-bench");
        builder.Configuration["AnJiaXing:Ledger:DigestInterval"] = "01:00:00";
        builder.Configuration["Serilog:MinimumLevel:Default"] = "Warning";
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        AnJiaXing.Api.AnJiaXingHost.ConfigureServices(builder);
        return builder;
    }

    /// <summary>Builds, configures and starts the host; the caller disposes it.</summary>
    public static async Task<WebApplication> StartAsync(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        AnJiaXing.Api.AnJiaXingHost.Configure(app);
        await app.StartAsync();
        return app;
    }
}
