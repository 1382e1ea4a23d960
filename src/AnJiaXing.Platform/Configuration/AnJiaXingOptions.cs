namespace AnJiaXing.Platform.Configuration;

/// <summary>Settings under the "AnJiaXing" configuration section (appsettings or AnJiaXing__* variables).</summary>
public sealed class AnJiaXingOptions
{
    public const string Section = "AnJiaXing";

    /// <summary>Git-ignored folder for generated development keys and local data. Relative paths resolve against the working directory.</summary>
    public string DataFolder { get; set; } = ".data";

    /// <summary>Seed the demo district when the store is empty. Never on unless asked for.</summary>
    public bool DemoData { get; set; }

    /// <summary>
    /// How much demo data: the small demo district (what the tests seed at every start) or a year of a whole district's
    /// activity (<see cref="Demo.DemoScale.District"/>, what <c>scripts/run.sh</c> asks for). Only with <see cref="DemoData"/>.
    /// </summary>
    public Demo.DemoScale DemoScale { get; set; } = Demo.DemoScale.Small;

    /// <summary>Serve Swagger UI and the OpenAPI document.</summary>
    public bool Swagger { get; set; } = true;

    public AuthOptions Auth { get; set; } = new();

    /// <summary>Several nodes of the service on the same databases (ADR 0029).</summary>
    public NodeOptions Nodes { get; set; } = new();

    public string ResolvedDataFolder => Path.GetFullPath(DataFolder);
}

public sealed class AuthOptions
{
    /// <summary>Base64 HMAC key (at least 32 bytes) for the built-in token issuer. Generated into the data folder when absent.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "anjiaxing";
    public string Audience { get; set; } = "anjiaxing-api";
    /// <summary>How long an access token lives; clients keep signed in with the refresh token.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a refresh token may be exchanged (each one once) for a new pair.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>An external OpenID Connect authority. When set, tokens come from it and the built-in issuer is off.</summary>
    public string? Authority { get; set; }

    /// <summary>The claim of an external token that names the local account.</summary>
    public string UsernameClaim { get; set; } = "preferred_username";

    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Failed sign-ins before an account is locked, the window they are counted in, and how long the lock lasts.</summary>
    public LockoutOptions Lockout { get; set; } = new();

    /// <summary>Sign-in attempts one client address may make per minute, whatever the accounts (429 beyond).</summary>
    public int SignInsPerMinutePerClient { get; set; } = 30;
}

/// <summary>
/// How fast the nodes notice each other: a node reports itself alive every <see cref="HealthCheckInterval"/>; the leader
/// takes a node silent for <see cref="StaleAfter"/> (seen so on two of its checks) for dead and starts its projections,
/// subscriptions and works on the living nodes. Takeover after a kill -9 is therefore about StaleAfter plus two
/// intervals (18 s by default, within the 30 s the operations platform is promised). Shorter risks taking a node
/// that is only stalled (a long garbage collection, an overloaded machine) for dead; it rejoins, at the cost of a
/// reshuffle.
/// </summary>
public sealed class NodeOptions
{
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(3);
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(12);
}

public sealed class LockoutOptions
{
    public int MaxFailures { get; set; } = 5;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}
