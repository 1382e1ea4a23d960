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
    /// <summary>The latest signed head, its signature and the public key it was signed with (verify against a key you trust).</summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/ledger/digest", OperationId = "GetLedgerDigest")]
    public static async Task<DigestResponse> GetDigest(LedgerDigests digests, CancellationToken ct) =>
        DigestResponse.From(await digests.LatestAsync(ct)
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

    /// <summary>Seal a head now (also done periodically when anything changed).</summary>
    [Authorize(Policy = Policies.DistrictAdmin)]
    [WolverinePost("/api/ledger/digest", OperationId = "SealLedgerDigest")]
    public static async Task<DigestResponse> Seal(LedgerDigests digests, CancellationToken ct) =>
        DigestResponse.From((await digests.SealAsync(force: true, ct))!);

    /// <summary>
    /// Recomputes the hash chains (all, or one stream); on a whole-ledger run checks every signed head against the
    /// recomputed log and its predecessor, signatures against the configured trusted keys only. <c>digestId</c> names
    /// the head whose stream-heads root is reported in <c>digest</c> (the latest by default).
    /// </summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/ledger/verify", OperationId = "VerifyLedger")]
    public static Task<LedgerVerification> Verify(Guid? streamId, long? digestId, IDocumentStore store, LedgerTrust trust, CancellationToken ct) =>
        new LedgerVerifier(() => (Npgsql.NpgsqlConnection)store.Storage.Database.CreateConnection()).VerifyAsync(streamId, digestId, trust, ct);
}
