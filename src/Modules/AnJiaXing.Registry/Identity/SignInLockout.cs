using Marten;
using Microsoft.Extensions.Options;

namespace AnJiaXing.Registry.Identity;

/// <summary>Failed sign-ins of one account name in the current window; kept in the database so every node sees them.</summary>
public sealed class SignInThrottle
{
    /// <summary>The normalised username (also for names without an account, so probing reveals nothing).</summary>
    public string Id { get; set; } = "";
    public int Failures { get; set; }
    public DateTimeOffset WindowStart { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
}

/// <summary>
/// The lockout policy of <c>AnJiaXing:Auth:Lockout</c>: after MaxFailures failed sign-ins within Window, the account
/// name is locked for Duration — even the right password gets a 429 with <c>Retry-After</c> until then. Every failure
/// counted is recorded as <see cref="SignInFailed"/>; attempts on a locked name are refused without a password check.
/// </summary>
public sealed class SignInLockout(IDocumentStore store, IOptions<AnJiaXingOptions> options, TimeProvider clock, ILogger<SignInLockout> logger)
{
    private LockoutOptions Policy => options.Value.Auth.Lockout;

    public static Guid StreamOf(string username) => StableId.For($"sign-in:{username}");

    public async Task RequireNotLockedAsync(string username, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var throttle = await session.LoadAsync<SignInThrottle>(username, ct);
        var now = clock.GetUtcNow();
        if (throttle?.LockedUntil is { } until && until > now)
        {
            logger.LogWarning("Sign-in refused for {Username}: locked until {LockedUntil}", username, until);
            throw ApiProblemException.TooManyRequests(
                ProblemLanguage.Say($"该账号因多次登录失败已被暂时锁定，请于 {Math.Ceiling((until - now).TotalMinutes)} 分钟后再试。",
                    $"The account is locked after repeated failed sign-ins; retry in {Math.Ceiling((until - now).TotalMinutes)} minutes."),
                until - now);
        }
    }

    public async Task RecordFailureAsync(string username, Guid? accountId, string reason, HttpContext http, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var now = clock.GetUtcNow();
        var throttle = await session.LoadAsync<SignInThrottle>(username, ct) ?? new SignInThrottle { Id = username, WindowStart = now };
        if (now - throttle.WindowStart > Policy.Window || throttle.LockedUntil is { } expired && expired <= now)
        {
            throttle.Failures = 0;
            throttle.WindowStart = now;
            throttle.LockedUntil = null;
        }
        throttle.Failures++;
        var locks = throttle.Failures >= Policy.MaxFailures;
        if (locks) throttle.LockedUntil = now + Policy.Duration;
        session.Store(throttle);
        session.Events.Append(StreamOf(username), new SignInFailed(username, accountId, reason,
            http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua[..Math.Min(ua.Length, 300)] : null,
            throttle.Failures, locks, Actor.System));
        await session.SaveChangesAsync(ct);
        if (locks) logger.LogWarning("Account name {Username} locked until {LockedUntil} after {Failures} failed sign-ins", username, throttle.LockedUntil, throttle.Failures);
    }

    public async Task RecordSuccessAsync(string username, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Delete<SignInThrottle>(username);
        await session.SaveChangesAsync(ct);
    }
}
