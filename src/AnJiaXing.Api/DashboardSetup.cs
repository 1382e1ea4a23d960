namespace AnJiaXing.Api;

/// <summary>The big-screen dashboard (可视化大屏): static files under wwwroot/dashboard, signed in with a token by the page itself.</summary>
public static class DashboardSetup
{
    public static WebApplication UseDashboard(this WebApplication app)
    {
        // Exactly /dashboard → /dashboard/ so the page's relative links resolve (endpoint routing ignores the slash).
        app.Use((context, next) =>
        {
            if (context.Request.Path.Value != "/dashboard") return next(context);
            context.Response.Redirect("/dashboard/" + context.Request.QueryString);
            return Task.CompletedTask;
        });
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }
}
