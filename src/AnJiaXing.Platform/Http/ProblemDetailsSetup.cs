using Microsoft.AspNetCore.Diagnostics;

namespace AnJiaXing.Platform.Http;

public static class ProblemDetailsSetup
{
    public static IServiceCollection AddAnJiaXingProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ctx =>
        {
            var http = ctx.HttpContext;
            ctx.ProblemDetails.Instance ??= http.Request.Path;
            ctx.ProblemDetails.Extensions["correlationId"] = CorrelationId.Of(http);
            // Stack traces and exception text never reach clients.
            ctx.ProblemDetails.Extensions.Remove("exception");
            ctx.ProblemDetails.Type = ProblemTypes.For(ctx.ProblemDetails.Status ?? http.Response.StatusCode);
            BindingProblems.Rewrite(ctx.ProblemDetails);
            ProblemLanguage.Apply(ctx.ProblemDetails, http);
            if (ctx.ProblemDetails.Status == 404 && ctx.ProblemDetails.Detail is null
                && http.GetEndpoint() is null)
            {
                ctx.ProblemDetails.Detail = ProblemLanguage.IsEnglish
                    ? $"No route matches {http.Request.Method} {http.Request.Path}."
                    : $"没有与 {http.Request.Method} {http.Request.Path} 对应的接口。";
            }
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }

    /// <summary>Exception handler plus status-code pages, so an empty 4xx (unknown route, 401, 415 …) still gets a problem body.</summary>
    public static WebApplication UseAnJiaXingProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
