using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Platform.Evidence;

public static class GetEvidenceEndpoint
{
    /// <summary>The stored file, for its uploader and for callers whose scope covers a hazard that references it.</summary>
    [Authorize]
    [WolverineGet("/api/evidence/{id}", OperationId = "GetEvidence")]
    public static async Task<IResult> Get(Guid id, ClaimsPrincipal user, IQuerySession session, IEvidenceBlobStore blobs, CancellationToken ct)
    {
        var evidence = await session.LoadAsync<EvidenceFile>(id, ct);
        if (evidence is null || !EvidenceAccess.MayRead(Caller.From(user), evidence))
            throw ApiProblemException.NotFound("证据", "Evidence", id);
        var content = await blobs.ReadAsync(evidence.Sha256, ct)
                      ?? throw new InvalidOperationException($"Evidence {id} has no stored content for {evidence.Sha256}.");
        return Results.File(content, evidence.ContentType, evidence.FileName, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{evidence.Sha256}\""));
    }
}
