using System.Security.Cryptography;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace AnJiaXing.Registry.Identity;

/// <summary>
/// One refresh token, stored by its SHA-256 only (the token itself is shown once, to its client). It belongs to a family
/// started by a sign-in; each use replaces it with a new one, and using a replaced token again revokes the whole family
/// (someone copied it). It carries the account's security stamp, so a password reset, a role change or a disable ends it.
/// </summary>
public sealed class RefreshTokenRecord
{
    public string Id { get; set; } = "";
    public Guid AccountId { get; set; }
    public Guid FamilyId { get; set; }
    public long SecurityStamp { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? ReplacedAt { get; set; }
}

public sealed class RefreshTokens(TokenIssuer issuer, IOptions<AnJiaXingOptions> options)
{
    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    /// <summary>An access token and a new refresh token of <paramref name="familyId"/>, stored in <paramref name="session"/>'s unit of work.</summary>
    public IssuedToken IssuePair(IDocumentSession session, Person account, Guid familyId)
    {
        var access = issuer.Issue(account);
        var token = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = DateTimeOffset.UtcNow;
        var expires = now.Add(options.Value.Auth.RefreshTokenLifetime);
        session.Store(new RefreshTokenRecord
        {
            Id = HashOf(token), AccountId = account.Id, FamilyId = familyId, SecurityStamp = account.SecurityStamp,
            IssuedAt = now, ExpiresAt = expires
        });
        return access with { RefreshToken = token, RefreshExpiresAt = expires };
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public sealed record RefreshSignIn(string RefreshToken);

public sealed class RefreshSignInValidator : AbstractValidator<RefreshSignIn>
{
    public RefreshSignInValidator() => RuleFor(x => x.RefreshToken).NotEmpty().MaximumLength(200);
}

public static class RefreshTokenEndpoint
{
    private static string Refused => ProblemLanguage.Say("刷新令牌无效、已过期或已被撤销，请重新登录。", "The refresh token is invalid, expired or revoked; sign in again.");

    /// <summary>
    /// Exchanges a refresh token for a new access token and a new refresh token (the old one stops working), so an
    /// unattended client — the big screen — stays signed in without long-lived access tokens. Tokens follow the real clock.
    /// </summary>
    [AllowAnonymous]
    [EnableRateLimiting(SignInRateLimit.Policy)]
    [WolverinePost("/api/auth/refresh", OperationId = "RefreshToken")]
    public static async Task<IssuedToken> Post(RefreshSignIn request, IDocumentSession session, IDocumentStore store, RefreshTokens tokens,
        ILogger<RefreshSignIn> logger, CancellationToken ct)
    {
        var record = await session.LoadAsync<RefreshTokenRecord>(RefreshTokens.HashOf(request.RefreshToken), ct);
        var now = DateTimeOffset.UtcNow;
        if (record is null || record.ExpiresAt <= now) throw ApiProblemException.Unauthorized(Refused);
        if (record.ReplacedAt is not null)
        {
            // A replaced token used again: one of the two holders is not the client it was issued to. End the family.
            await using var revoke = store.LightweightSession();
            revoke.DeleteWhere<RefreshTokenRecord>(r => r.FamilyId == record.FamilyId);
            await revoke.SaveChangesAsync(ct);
            logger.LogWarning("A replaced refresh token of account {AccountId} was used again; its family is revoked", record.AccountId);
            throw ApiProblemException.Unauthorized(Refused);
        }

        var account = await session.LoadAsync<Person>(record.AccountId, ct);
        var organisation = account is null ? null : await session.LoadAsync<Organisation>(account.OrganisationId, ct);
        if (account is null || account.SecurityStamp != record.SecurityStamp || AccountPrincipalFactory.Refusal(account, organisation) is not null)
            throw ApiProblemException.Unauthorized(Refused);

        record.ReplacedAt = now;
        session.Store(record);
        return tokens.IssuePair(session, account, record.FamilyId);
    }
}
