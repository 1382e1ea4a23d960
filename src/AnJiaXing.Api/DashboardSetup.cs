namespace AnJiaXing.Api;

/// <summary>
/// The big-screen dashboard (可视化大屏) and the video page (视频监控): static files under wwwroot/dashboard and
/// wwwroot/video, signed in with a token by the page itself.
/// </summary>
public static class DashboardSetup
{
    public static WebApplication UseDashboard(this WebApplication app)
    {
        // Exactly /dashboard → /dashboard/ so the page's relative links resolve (endpoint routing ignores the slash).
        app.Use((context, next) =>
        {
            if (context.Request.Path.Value is not ("/dashboard" or "/video" or "/risk-map" or "/investigations")) return next(context);
            context.Response.Redirect(context.Request.Path.Value + "/" + context.Request.QueryString);
            return Task.CompletedTask;
        });
        // Browsers and tools ask for /favicon.ico by themselves: they get the pages' SVG shield (image/svg+xml).
        app.Use((context, next) =>
        {
            if (context.Request.Path.Value == "/favicon.ico") context.Request.Path = "/favicon.svg";
            return next(context);
        });
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }
}
