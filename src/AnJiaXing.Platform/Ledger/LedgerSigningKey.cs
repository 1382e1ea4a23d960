using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace AnJiaXing.Platform.Ledger;

/// <summary>
/// The service's ECDSA P-256 key that signs ledger digests: from <c>AnJiaXing:Ledger:SigningKey</c> (PKCS#8 PEM),
/// or generated once into the git-ignored data folder in development.
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
            var path = Path.Combine(options.Value.ResolvedDataFolder, "keys", "ledger-signing.pem");
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, _key.ExportPkcs8PrivateKeyPem());
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                logger.LogInformation("Generated a ledger signing key at {Path}", path);
            }
            pem = File.ReadAllText(path);
        }
        _key.ImportFromPem(pem);
        PublicKey = Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo());
        KeyId = KeyIdOf(PublicKey);
    }

    /// <summary>SubjectPublicKeyInfo, base64.</summary>
    public string PublicKey { get; }

    public string KeyId { get; }

    public string Sign(string payload) =>
        Convert.ToBase64String(_key.SignData(System.Text.Encoding.UTF8.GetBytes(payload), HashAlgorithmName.SHA256));

    public static string KeyIdOf(string publicKeyBase64) =>
        Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(publicKeyBase64)))[..16];

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

public sealed class LedgerOptions
{
    public const string Section = "AnJiaXing:Ledger";

    /// <summary>PKCS#8 PEM of the ECDSA P-256 key that signs digests; generated into the data folder when absent.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How often a digest is sealed when anything changed.</summary>
    public TimeSpan DigestInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Events younger than this are left to the next digest, so transactions still committing are not cut in half.</summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(2);
}
