using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AnJiaXing.Platform.Security;

/// <summary>
/// A short-lived access token and, from the built-in issuer, a refresh token that <c>POST /api/auth/refresh</c> exchanges
/// for a new pair (each refresh token works once).
/// </summary>
public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt, string? RefreshToken = null, DateTimeOffset? RefreshExpiresAt = null);

/// <summary>
/// Issues the built-in JWTs. A token names the account only; role, organisation and scope are read from the
/// account on every request, so a disabled account or a changed role takes effect at once.
/// Tokens follow the real clock (as token validation does), not the domain clock that tests may move.
/// </summary>
public sealed class TokenIssuer(IOptions<AnJiaXingOptions> options, SigningCredentialsHolder keys)
{
    public IssuedToken Issue(Person account)
    {
        var auth = options.Value.Auth;
        var now = DateTimeOffset.UtcNow;
        var expires = now.Add(auth.TokenLifetime);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = keys.Credentials,
            Subject = new ClaimsIdentity(
            [
                new Claim(AnJiaXingClaims.UserId, account.Id.ToString()),
                new Claim(AnJiaXingClaims.Username, account.Username),
                new Claim(AnJiaXingClaims.SecurityStamp, account.SecurityStamp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.CreateVersion7().ToString())
            ])
        };
        return new IssuedToken(new JsonWebTokenHandler().CreateToken(descriptor), expires);
    }
}

/// <summary>Holds the resolved signing key so it is read from disk once.</summary>
public sealed class SigningCredentialsHolder(SymmetricSecurityKey key)
{
    public SymmetricSecurityKey Key { get; } = key;
    public SigningCredentials Credentials { get; } = new(key, SecurityAlgorithms.HmacSha256);
}
