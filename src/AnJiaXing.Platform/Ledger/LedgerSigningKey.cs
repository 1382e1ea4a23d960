using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace AnJiaXing.Platform.Ledger;

/// <summary>
/// The service's ECDSA P-256 key that signs ledger heads. It never comes from the database: from
/// <c>AnJiaXing:Ledger:SigningKey</c> (PKCS#8 PEM, e.g. a secret in the environment), from the file
/// <c>AnJiaXing:Ledger:SigningKeyFile</c>, or (development) from a file generated once into the git-ignored data folder.
/// </summary>
public sealed class LedgerSigningKey : IDisposable
{
    private readonly ECDsa _key;

    public LedgerSigningKey(IOptions<AnJiaXingOptions> options, IOptions<LedgerOptions> ledger, ILogger<LedgerSigningKey> logger)
    {
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = ledger.Value.SigningKey;
        if (string.IsNullOrWhiteSpace(pem))
        {
            var path = ledger.Value.ResolvedSigningKeyFile(options.Value);
            if (!File.Exists(path))
            {
                if (!string.IsNullOrWhiteSpace(ledger.Value.SigningKeyFile))
                    throw new InvalidOperationException($"The ledger signing key file {path} does not exist.");
                CreateKeyFile(path, _key.ExportPkcs8PrivateKeyPem());
                logger.LogInformation("Generated a ledger signing key at {Path}", path);
            }
            pem = File.ReadAllText(path);
        }
        _key.ImportFromPem(pem);
        PublicKey = Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo());
        KeyId = KeyIdOf(PublicKey);
    }

    /// <summary>Written under a temporary name and moved into place, so hosts starting together agree on one key.</summary>
    private static void CreateKeyFile(string path, string pem)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, pem);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }

    /// <summary>SubjectPublicKeyInfo, base64.</summary>
    public string PublicKey { get; }

    public string KeyId { get; }

    public string Sign(string payload) =>
        Convert.ToBase64String(_key.SignData(System.Text.Encoding.UTF8.GetBytes(payload), HashAlgorithmName.SHA256));

    public static string KeyIdOf(string publicKeyBase64) =>
        Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(publicKeyBase64)))[..16];

    /// <summary>The public half (base64 SubjectPublicKeyInfo) of a PEM private or public key.</summary>
    public static string PublicKeyOfPem(string pem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
    }

    public static bool Verify(string publicKeyBase64, string payload, string signatureBase64)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKeyBase64), out _);
            return key.VerifyData(System.Text.Encoding.UTF8.GetBytes(payload), Convert.FromBase64String(signatureBase64), HashAlgorithmName.SHA256);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return false;
        }
    }

    public void Dispose() => _key.Dispose();
}

/// <summary>A public key trusted to sign ledger heads created within its validity period (for rotation).</summary>
public sealed class TrustedLedgerKey
{
    /// <summary>Base64 SubjectPublicKeyInfo, or a PEM public key.</summary>
    public string PublicKey { get; set; } = "";

    /// <summary>Heads created before this are not trusted under this key.</summary>
    public DateTimeOffset? ValidFrom { get; set; }

    /// <summary>Heads created after this are not trusted under this key.</summary>
    public DateTimeOffset? ValidTo { get; set; }
}

/// <summary>
/// The trust anchors of verification: configured public keys (<c>AnJiaXing:Ledger:TrustedKeys</c>), by default the
/// public half of the service's own signing key. The public key stored in a digest row is never trusted by itself.
/// </summary>
public sealed class LedgerTrust
{
    private readonly List<(string KeyId, string PublicKey, DateTimeOffset? From, DateTimeOffset? To)> _keys = [];

    public LedgerTrust(IEnumerable<TrustedLedgerKey> keys)
    {
        foreach (var k in keys)
        {
            var spki = k.PublicKey.Contains("-----BEGIN", StringComparison.Ordinal) ? LedgerSigningKey.PublicKeyOfPem(k.PublicKey) : k.PublicKey.Trim();
            _keys.Add((LedgerSigningKey.KeyIdOf(spki), spki, k.ValidFrom, k.ValidTo));
        }
    }

    public static LedgerTrust For(IOptions<LedgerOptions> options, LedgerSigningKey own) =>
        new(options.Value.TrustedKeys is { Count: > 0 } configured ? configured : [new TrustedLedgerKey { PublicKey = own.PublicKey }]);

    public IReadOnlyList<string> KeyIds => _keys.Select(k => k.KeyId).ToList();

    /// <summary>Null when the signature verifies with a key trusted at <paramref name="createdAt"/>; otherwise why not.</summary>
    public string? Problem(string keyId, string payload, string signature, DateTimeOffset createdAt)
    {
        var candidates = _keys.Where(k => k.KeyId == keyId).ToList();
        if (candidates.Count == 0) return $"The head is signed by key '{keyId}', which is not a trusted key.";
        var valid = candidates.Where(k => (k.From is null || createdAt >= k.From) && (k.To is null || createdAt <= k.To)).ToList();
        if (valid.Count == 0) return $"The head was created at {createdAt:O}, outside the validity period of key '{keyId}'.";
        return valid.Any(k => LedgerSigningKey.Verify(k.PublicKey, payload, signature))
            ? null
            : "The head's signature does not verify with the trusted key.";
    }
}

public sealed class LedgerOptions
{
    public const string Section = "AnJiaXing:Ledger";

    /// <summary>PKCS#8 PEM of the ECDSA P-256 key that signs heads (a secret); otherwise <see cref="SigningKeyFile"/>.</summary>
    public string? SigningKey { get; set; }

    /// <summary>A PKCS#8 PEM file with the signing key; by default keys/ledger-signing.pem in the data folder, generated when absent.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>Public keys that verification trusts, with validity periods; by default the signing key's public half.</summary>
    public List<TrustedLedgerKey> TrustedKeys { get; set; } = [];

    /// <summary>Where every signed head is appended as a JSON line; by default ledger-export in the data folder.</summary>
    public string? ExportFolder { get; set; }

    /// <summary>An HTTP endpoint that receives every sealed head (POST, the JSON of an export line); none by default.</summary>
    public string? WitnessUrl { get; set; }

    /// <summary>How often a head is sealed when anything changed.</summary>
    public TimeSpan DigestInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Events younger than this are left to the next head, so transactions still committing are not cut in half.</summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(2);

    public const string DefaultKeyFile = "keys/ledger-signing.pem";

    public string ResolvedSigningKeyFile(AnJiaXingOptions options) =>
        string.IsNullOrWhiteSpace(SigningKeyFile) ? Path.Combine(options.ResolvedDataFolder, DefaultKeyFile) : Path.GetFullPath(SigningKeyFile);

    public string ResolvedExportFolder(AnJiaXingOptions options) =>
        string.IsNullOrWhiteSpace(ExportFolder) ? Path.Combine(options.ResolvedDataFolder, "ledger-export") : Path.GetFullPath(ExportFolder);
}
