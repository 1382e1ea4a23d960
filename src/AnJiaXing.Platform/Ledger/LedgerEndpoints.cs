using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Platform.Ledger;

public sealed record DigestResponse(
    long Id, long CoveredSequence, long StreamCount, long EventCount, string Root, DateTimeOffset CreatedAt,
    string Algorithm, string KeyId, string PublicKey, string Signature, string SignedPayload)
{
    public static DigestResponse From(StoredDigest d) =>
        new(d.Id, d.CoveredSequence, d.StreamCount, d.EventCount, d.Root, d.CreatedAt, "ECDSA P-256 SHA-256 (IEEE P1363, base64)",
            d.KeyId, d.PublicKey, d.Signature, d.Payload);
}

public static class LedgerEndpoints
{
    /// <summary>The latest signed digest, its signature and the public key to check it with.</summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/ledger/digest", OperationId = "GetLedgerDigest")]
    public static async Task<DigestResponse> GetDigest(LedgerDigests digests, CancellationToken ct) =>
        DigestResponse.From(await digests.LatestAsync(ct)
                            ?? throw new ApiProblemException(StatusCodes.Status404NotFound, "Not found", "No digest has been sealed yet."));

    /// <summary>Seal a digest now (also done periodically when anything changed).</summary>
    [Authorize(Policy = Policies.DistrictAdmin)]
    [WolverinePost("/api/ledger/digest", OperationId = "SealLedgerDigest")]
    public static async Task<DigestResponse> Seal(LedgerDigests digests, CancellationToken ct) =>
        DigestResponse.From((await digests.SealAsync(force: true, ct))!);

    /// <summary>
    /// Recomputes the hash chains (all, or one stream) and checks the latest digest — or, with <c>digestId</c>, proves
    /// an older digest still matches the events it covered.
    /// </summary>
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/ledger/verify", OperationId = "VerifyLedger")]
    public static Task<LedgerVerification> Verify(Guid? streamId, long? digestId, IDocumentStore store, CancellationToken ct) =>
        new LedgerVerifier(() => (Npgsql.NpgsqlConnection)store.Storage.Database.CreateConnection()).VerifyAsync(streamId, digestId, null, ct);
}
