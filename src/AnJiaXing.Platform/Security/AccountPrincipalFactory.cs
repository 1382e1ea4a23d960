using System.Security.Claims;
using Marten;

namespace AnJiaXing.Platform.Security;

/// <summary>
/// Turns a validated token into the AnJiaXing principal, from the current account and organisation records.
/// The same path serves built-in tokens (by account id) and external OpenID Connect tokens (by username), and
/// refuses disabled accounts and accounts of disabled organisations.
/// </summary>
public sealed class AccountPrincipalFactory(IDocumentStore store, IdentityCache cache)
{
    public const string AuthenticationType = "AnJiaXing";

    public async Task<(ClaimsPrincipal? Principal, string? Failure)> CreateAsync(Guid? accountId, string? username, CancellationToken ct,
        long? securityStamp = null)
    {
        await using var session = store.QuerySession();
        Person? account = null;
        // Built-in tokens name the account: it and its organisation come from the cache, which drops them the moment they change.
        if (accountId is { } id) account = await cache.PersonAsync(session, id, ct);
        else if (!string.IsNullOrWhiteSpace(username))
        {
            var key = username.Trim().ToLowerInvariant();
            account = await session.Query<Person>().FirstOrDefaultAsync(a => a.Username == key, ct);
        }

        if (account is null) return (null, "Unknown account.");
        if (securityStamp is { } stamp && stamp != account.SecurityStamp)
            return (null, "The token was revoked: the account's password, role or status changed since it was issued. Sign in again.");
        var organisation = await cache.OrganisationAsync(session, account.OrganisationId, ct);
        var failure = Refusal(account, organisation);
        if (failure is not null) return (null, failure);
        return (new ClaimsPrincipal(IdentityFor(account, organisation!)), null);
    }

    /// <summary>Why an account may not act now, or null when it may.</summary>
    public static string? Refusal(Person account, Organisation? organisation)
    {
        if (!account.Enabled) return ProblemLanguage.Say("该账号已停用。", "The account is disabled.");
        if (organisation is null) return ProblemLanguage.Say("该账号所属单位不存在。", "The account's organisation does not exist.");
        if (!organisation.Enabled) return ProblemLanguage.Say($"“{organisation.Name}”已停用。", $"'{organisation.Name}' is disabled.");
        return null;
    }

    /// <summary>The caller an account is when it acts, for work done in its name outside a request (demo seeding).</summary>
    public static Caller CallerOf(Person account, Organisation organisation) =>
        Caller.From(new ClaimsPrincipal(IdentityFor(account, organisation)));

    public static ClaimsIdentity IdentityFor(Person account, Organisation organisation)
    {
        var claims = new List<Claim>
        {
            new(AnJiaXingClaims.UserId, account.Id.ToString()),
            new(AnJiaXingClaims.Username, account.Username),
            new(AnJiaXingClaims.Name, account.DisplayName),
            new(AnJiaXingClaims.Role, account.Role.ToString()),
            new(AnJiaXingClaims.OrganisationId, organisation.Id.ToString()),
            new(AnJiaXingClaims.OrganisationName, organisation.Name),
            new(AnJiaXingClaims.OrganisationKind, organisation.Kind.ToString())
        };
        if (organisation.TownId is { } town) claims.Add(new Claim(AnJiaXingClaims.TownId, town.ToString()));
        if (organisation.Kind == OrganisationKind.Enterprise)
            claims.Add(new Claim(AnJiaXingClaims.EnterpriseId, organisation.Id.ToString()));
        if (organisation.Kind == OrganisationKind.Department)
            claims.AddRange(organisation.Domains.Select(d => new Claim(AnJiaXingClaims.Domain, d.ToString())));
        return new ClaimsIdentity(claims, AuthenticationType, AnJiaXingClaims.Name, AnJiaXingClaims.Role);
    }
}
