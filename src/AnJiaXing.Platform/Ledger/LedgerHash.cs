using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AnJiaXing.Platform.Ledger;

/// <summary>
/// The canonical form of an event and its hash, exactly as the database trigger computes them (ADR: the
/// tamper-evident ledger). Verification recomputes here, independently of any function stored in the database.
/// </summary>
public static class LedgerHash
{
    public static string Canonical(Guid streamId, long version, string type, string data, string? headers, string? userName,
        string? correlationId, string? causationId, DateTime timestampUtc, string previousHash) =>
        string.Join('\n',
            LedgerSchema.CanonicalPrefix,
            streamId.ToString(),
            version.ToString(CultureInfo.InvariantCulture),
            type,
            data,
            headers ?? "",
            userName ?? "",
            correlationId ?? "",
            causationId ?? "",
            timestampUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            previousHash);

    public static string Of(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
}
