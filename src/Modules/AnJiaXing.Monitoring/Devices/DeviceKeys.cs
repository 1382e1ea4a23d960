using System.Security.Cryptography;
using System.Text;

namespace AnJiaXing.Monitoring.Devices;

/// <summary>
/// A sensor's key: <c>ajx1.&lt;device id&gt;.&lt;32 random bytes, base64url&gt;</c>. The device id lets the service find the
/// stored hash with a primary-key read; the secret is compared as SHA-256 hashes in constant time
/// (<see cref="CryptographicOperations.FixedTimeEquals"/>). A 256-bit random secret needs no slow hash: it cannot be
/// guessed, so a stolen hash gives nothing to replay (the service hashes what it is sent).
/// </summary>
public static class DeviceKeys
{
    public const string Header = "X-Device-Key";
    private const string Prefix = "ajx1";

    public sealed record Issued(string Key, string Hash, string Fingerprint);

    public static Issued Issue(Guid deviceId)
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var hash = HashOf(secret);
        return new Issued($"{Prefix}.{deviceId:N}.{secret}", hash, Fingerprint(hash));
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The first 12 hex digits of the hash: names a key in events and lists, reveals nothing usable.</summary>
    public static string Fingerprint(string hash) => hash[..12];

    /// <summary>The device id and secret of a presented key, or null when it does not have the key's shape.</summary>
    public static (Guid DeviceId, string Secret)? Parse(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 200) return null;
        var parts = presented.Split('.');
        if (parts.Length != 3 || parts[0] != Prefix || !Guid.TryParseExact(parts[1], "N", out var id) || parts[2].Length < 40) return null;
        return (id, parts[2]);
    }

    /// <summary>Constant-time comparison of the presented secret's hash with the stored one.</summary>
    public static bool Matches(string secret, string storedHash)
    {
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        byte[] stored;
        try { stored = Convert.FromHexString(storedHash); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(presented, stored);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// A sensor's credential, kept apart from its event stream (events are the ledger: they never hold a key's hash).
/// Id = the device id.
/// </summary>
public sealed class DeviceCredential
{
    public Guid Id { get; set; }
    public string KeyHash { get; set; } = "";
    public string Fingerprint { get; set; } = "";
    public bool Revoked { get; set; }
}
