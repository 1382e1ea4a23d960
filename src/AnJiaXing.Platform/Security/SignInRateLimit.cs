using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AnJiaXing.Platform.Security;

/// <summary>
/// Sign-in throttling per client address with ASP.NET Core's rate limiter: <c>[EnableRateLimiting(SignInRateLimit.Policy)]</c>
/// on the token endpoint. Beyond <see cref="AuthOptions.SignInsPerMinutePerClient"/> a minute the answer is a 429 problem
/// with <c>Retry-After</c>. The per-account lockout is the Registry's (it knows the accounts).
/// </summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddAnJiaXingRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, http =>
            {
                var permits = http.RequestServices.GetRequiredService<IOptions<AnJiaXingOptions>>().Value.Auth.SignInsPerMinutePerClient;
                var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, permits),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0
                });
            });
            limiter.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = ProblemLanguage.Say("登录尝试过于频繁", "Too many sign-in attempts"),
                        Detail = ProblemLanguage.Say("此地址的登录尝试过多，请稍后再试。", "Too many sign-in attempts from this address; retry later.")
                    }
                });
            };
        });
        return services;
    }
}
