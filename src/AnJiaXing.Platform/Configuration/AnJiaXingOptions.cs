namespace AnJiaXing.Platform.Configuration;

/// <summary>Settings under the "AnJiaXing" configuration section (appsettings or AnJiaXing__* variables).</summary>
public sealed class AnJiaXingOptions
{
    public const string Section = "AnJiaXing";

    /// <summary>Git-ignored folder for generated development keys and local data. Relative paths resolve against the working directory.</summary>
    public string DataFolder { get; set; } = ".data";

    /// <summary>Seed the demo district when the store is empty. Never on unless asked for.</summary>
    public bool DemoData { get; set; }

    /// <summary>Serve Swagger UI and the OpenAPI document.</summary>
    public bool Swagger { get; set; } = true;

    public AuthOptions Auth { get; set; } = new();

    public string ResolvedDataFolder => Path.GetFullPath(DataFolder);
}

public sealed class AuthOptions
{
    /// <summary>Base64 HMAC key (at least 32 bytes) for the built-in token issuer. Generated into the data folder when absent.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "anjiaxing";
    public string Audience { get; set; } = "anjiaxing-api";
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>An external OpenID Connect authority. When set, tokens come from it and the built-in issuer is off.</summary>
    public string? Authority { get; set; }

    /// <summary>The claim of an external token that names the local account.</summary>
    public string UsernameClaim { get; set; } = "preferred_username";

    public bool RequireHttpsMetadata { get; set; } = true;
}
