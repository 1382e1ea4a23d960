using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace AnJiaXing.Registry.Identity;

public sealed record IssueToken(string Username, string Password);

public sealed class IssueTokenValidator : AbstractValidator<IssueToken>
{
    public IssueTokenValidator()
    {
        RuleFor(x => x.Username).NotEmpty().MaximumLength(64);
        RuleFor(x => x.Password).NotEmpty().MaximumLength(128);
    }
}

public static class IssueTokenEndpoint
{
    // The same words whichever of the two was wrong, so a refusal never confirms that a username exists.
    private static string BadCredentials => ProblemLanguage.Say("用户名或密码错误，或该账号不能登录。", "The username or password is wrong, or the account may not sign in.");

    [AllowAnonymous]
    [EnableRateLimiting(SignInRateLimit.Policy)]
    [WolverinePost("/api/auth/token", OperationId = "IssueToken")]
    public static async Task<IssuedToken> Post(
        IssueToken request,
        IDocumentSession session,
        RefreshTokens tokens,
        IPasswordHasher<Person> hasher,
        IOptions<AnJiaXingOptions> options,
        SignInLockout lockout,
        HttpContext http,
        ILogger<IssueToken> logger,
        CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.Auth.Authority))
            throw new ApiProblemException(StatusCodes.Status404NotFound, "Not found",
                ProblemLanguage.Say("令牌由所配置的 OpenID Connect 认证服务签发。", "Tokens are issued by the configured OpenID Connect authority."));

        var username = UserAccount.NormaliseUsername(request.Username);
        await lockout.RequireNotLockedAsync(username, ct);
        var account = await session.Query<Person>().FirstOrDefaultAsync(a => a.Username == username, ct);
        var credential = account is null ? null : await session.LoadAsync<UserCredential>(account.Id, ct);
        if (account is null || credential is null
            || hasher.VerifyHashedPassword(account, credential.PasswordHash, request.Password) == PasswordVerificationResult.Failed)
        {
            logger.LogWarning("Token refused for {Username}: bad credentials", username);
            await lockout.RecordFailureAsync(username, account?.Id, "BadCredentials", http, ct);
            throw ApiProblemException.Unauthorized(BadCredentials);
        }

        var organisation = await session.LoadAsync<Organisation>(account.OrganisationId, ct);
        if (AccountPrincipalFactory.Refusal(account, organisation) is { } refusal)
        {
            logger.LogWarning("Token refused for {Username}: {Refusal}", username, refusal);
            throw ApiProblemException.Unauthorized(refusal);
        }

        await lockout.RecordSuccessAsync(username, ct);
        logger.LogInformation("Token issued to {Username} ({UserId})", username, account.Id);
        return tokens.IssuePair(session, account, Guid.CreateVersion7());
    }
}
