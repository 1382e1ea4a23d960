using System.Security.Cryptography;
using System.Text;

namespace AnJiaXing.CityPlatform;

/// <summary><c>X-Signature: sha256=&lt;lowercase hex of HMAC-SHA256(secret, raw body)&gt;</c>, both directions.</summary>
public static class Signature
{
    public const string Header = "X-Signature";
    private const string Prefix = "sha256=";

    public static string Of(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Constant-time comparison of a presented header with the body's signature.</summary>
    public static bool Matches(string? presented, ReadOnlySpan<byte> body, string secret)
    {
        if (presented is null || !presented.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var expected = Encoding.ASCII.GetBytes(Of(body, secret));
        var given = Encoding.ASCII.GetBytes(presented.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
