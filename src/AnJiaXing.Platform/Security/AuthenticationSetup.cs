using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AnJiaXing.Platform.Security;

public static class AuthenticationSetup
{
    /// <summary>
    /// JWT bearer authentication from the built-in issuer, or from an external OpenID Connect authority when
    /// <c>AnJiaXing:Auth:Authority</c> is set; either way the principal is rebuilt from the local account.
    /// Options are read lazily so test hosts and environment overrides apply.
    /// </summary>
    public static IServiceCollection AddAnJiaXingAuth(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SigningCredentialsHolder(SigningKeyProvider.Resolve(
            sp.GetRequiredService<IOptions<AnJiaXingOptions>>().Value,
            sp.GetService<ILoggerFactory>()?.CreateLogger(typeof(SigningKeyProvider)))));
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<AccountPrincipalFactory>();
        services.AddSingleton<IdentityCache>();
        services.AddHostedService<IdentityCacheInvalidation>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AnJiaXingOptions>, IServiceProvider>((jwt, options, sp) =>
            {
                var auth = options.Value.Auth;
                var external = !string.IsNullOrWhiteSpace(auth.Authority);
                jwt.MapInboundClaims = false;
                if (external)
                {
                    jwt.Authority = auth.Authority;
                    jwt.Audience = auth.Audience;
                    jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
                }
                else
                {
                    jwt.TokenValidationParameters = new TokenValidationParameters
                    {
                        ValidIssuer = auth.Issuer,
                        ValidAudience = auth.Audience,
                        IssuerSigningKey = sp.GetRequiredService<SigningCredentialsHolder>().Key,
                        ValidateIssuerSigningKey = true,
                        ClockSkew = TimeSpan.FromSeconds(30),
                        NameClaimType = AnJiaXingClaims.Name,
                        RoleClaimType = AnJiaXingClaims.Role
                    };
                }

                jwt.Events = new JwtBearerEvents
                {
                    OnTokenValidated = async context =>
                    {
                        var principal = context.Principal!;
                        var factory = context.HttpContext.RequestServices.GetRequiredService<AccountPrincipalFactory>();
                        var ct = context.HttpContext.RequestAborted;
                        var (resolved, failure) = external
                            ? await factory.CreateAsync(null, principal.FindFirst(auth.UsernameClaim)?.Value, ct)
                            : await factory.CreateAsync(
                                Guid.TryParse(principal.FindFirst(AnJiaXingClaims.UserId)?.Value, out var id) ? id : null, null, ct,
                                // A built-in token without a stamp predates stamps: it cannot be revoked, so it is not accepted.
                                long.TryParse(principal.FindFirst(AnJiaXingClaims.SecurityStamp)?.Value, out var stamp) ? stamp : -1);
                        if (resolved is null) context.Fail(failure ?? "Unknown account.");
                        else context.Principal = resolved;
                    }
                };
            });

        services.AddAuthorization(Policies.Register);
        return services;
    }
}
