using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Platform.Ledger;

/// <summary>A signed head: <c>eventCount</c> is the log's tree size, <c>logRoot</c> its RFC 9162 root, <c>consistencyProof</c> from the previous head.</summary>
public sealed record DigestResponse(
    long Id, long CoveredSequence, long StreamCount, long EventCount, string Root, DateTimeOffset CreatedAt,
    string Algorithm, string KeyId, string PublicKey, string Signature, string SignedPayload, string? LogRoot, IReadOnlyList<string> ConsistencyProof)
{
    public static DigestResponse From(StoredDigest d) =>
        new(d.Id, d.CoveredSequence, d.StreamCount, d.EventCount, d.Root, d.CreatedAt, "ECDSA P-256 SHA-256 (IEEE P1363, base64)",
            d.KeyId, d.PublicKey, d.Signature, d.Payload, d.LogRoot,
            string.IsNullOrEmpty(d.ConsistencyProof) ? [] : d.ConsistencyProof.Split(','));
}

public static class LedgerEndpoints
{
    /// <summary>
    /// The latest signed head, its signature and the public key it was signed with (verify against a key you trust).
    /// With town databases each database has heads of its own: <c>database</c> (<c>district</c>, the default, or a town's
    /// id) names whose.
    /// </summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/ledger/digest", OperationId = "GetLedgerDigest")]
    public static async Task<DigestResponse> GetDigest(string? database, LedgerDigests digests, LedgerDatabases databases, CancellationToken ct) =>
        DigestResponse.From(await digests.LatestAsync(ct, await databases.NamedAsync(database))
                            ?? throw new ApiProblemException(StatusCodes.Status404NotFound, "Not found",
                                ProblemLanguage.Say("尚未封存任何账本摘要。", "No digest has been sealed yet.")));

    /// <summary>
    /// The latest district head (ADR 0030): the signed Merkle root over the latest head of every database, the
    /// district's and each town's that has one of its own. 404 until one is sealed (only with town databases).
    /// </summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/ledger/district-head", OperationId = "GetDistrictLedgerHead")]
    public static async Task<DistrictHead> GetDistrictHead(DistrictHeads heads, CancellationToken ct) =>
        await heads.LatestAsync(ct)
        ?? throw new ApiProblemException(StatusCodes.Status404NotFound, "Not found",
            ProblemLanguage.Say("尚未封存任何区级账本头（仅在各镇设有独立数据库时封存）。", "No district head has been sealed yet (sealed only when towns have databases of their own)."));

    /// <summary>Seal a head now (also done periodically when anything changed), of the district's or the named database.</summary>
    [Authorize(Policy = Policies.DistrictAdmin)]
    [WolverinePost("/api/ledger/digest", OperationId = "SealLedgerDigest")]
    public static async Task<DigestResponse> Seal(string? database, LedgerDigests digests, LedgerDatabases databases, CancellationToken ct) =>
        DigestResponse.From((await digests.SealAsync(force: true, ct, await databases.NamedAsync(database)))!);

    /// <summary>
    /// Recomputes the hash chains (all, or one stream); on a whole-ledger run checks every signed head against the
    /// recomputed log and its predecessor, signatures against the configured trusted keys only. <c>digestId</c> names
    /// the head whose stream-heads root is reported in <c>digest</c> (the latest by default). With town databases:
    /// a stream is verified where it was appended (a town's original, not the district's copy); the whole ledger is
    /// every database's, each in <c>databases</c>, the totals and <c>firstBreak</c> over all, <c>digest</c> and
    /// <c>heads</c> the district's; <c>database</c> verifies one only (<c>digestId</c> then names one of its heads).
    /// </summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/ledger/verify", OperationId = "VerifyLedger")]
    public static Task<LedgerVerification> Verify(Guid? streamId, long? digestId, string? database, LedgerDatabases databases, LedgerTrust trust,
        CancellationToken ct) =>
        databases.VerifyAsync(streamId, digestId, database, trust, ct);
}
