using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace AnJiaXing.Platform.Security;

/// <summary>
/// The built-in issuer's HMAC key: from configuration, or generated once into the git-ignored data folder
/// (so development tokens survive restarts and no key is ever committed).
/// </summary>
public static class SigningKeyProvider
{
    public static SymmetricSecurityKey Resolve(AnJiaXingOptions options, ILogger? logger = null)
    {
        if (!string.IsNullOrWhiteSpace(options.Auth.SigningKey))
        {
            var configured = Convert.FromBase64String(options.Auth.SigningKey);
            if (configured.Length < 32)
                throw new InvalidOperationException("AnJiaXing:Auth:SigningKey must be at least 32 bytes (base64).");
            return new SymmetricSecurityKey(configured) { KeyId = KeyId(configured) };
        }

        var folder = Path.Combine(options.ResolvedDataFolder, "keys");
        var path = Path.Combine(folder, "jwt-signing.key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(folder);
            var fresh = RandomNumberGenerator.GetBytes(64);
            File.WriteAllText(path, Convert.ToBase64String(fresh));
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            logger?.LogInformation("Generated a token signing key at {Path}", path);
        }

        var bytes = Convert.FromBase64String(File.ReadAllText(path).Trim());
        return new SymmetricSecurityKey(bytes) { KeyId = KeyId(bytes) };
    }

    private static string KeyId(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..16];
}
