namespace AnJiaXing.Platform.Http;

/// <summary>
/// Headers on every answer: <c>X-Content-Type-Options: nosniff</c> (a stored upload is never re-interpreted by a
/// browser), no referrer, and on the service's own pages a Content-Security-Policy that allows only the service's
/// own scripts and data (the pages load nothing from elsewhere; inline styles stay allowed: the chart library positions
/// its tooltips with them). Swagger UI keeps its inline bootstrap script,
/// so it is left out of the policy.
/// </summary>
public static class SecurityHeaders
{
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; " +
        "media-src 'self' blob:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    public static IApplicationBuilder UseAnJiaXingSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            var path = context.Request.Path;
            if (!path.StartsWithSegments("/api") && !path.StartsWithSegments("/swagger") && !path.StartsWithSegments("/health"))
                headers.ContentSecurityPolicy = PagePolicy;
            return Task.CompletedTask;
        });
        return next(context);
    });
}
