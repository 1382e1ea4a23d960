using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Platform.Evidence;

public static class GetEvidenceEndpoint
{
    /// <summary>
    /// The stored file, for its uploader and for callers whose scope covers a record that references it. With town
    /// databases (ADR 0030) a district reader's file of a town's record is read in that town's database
    /// (<see cref="Tenancy.StreamHome"/>); a file the district uploaded and a town's record took into use keeps its content in
    /// the district's.
    /// </summary>
    [Authorize]
    [WolverineGet("/api/evidence/{id}", OperationId = "GetEvidence")]
    public static async Task<IResult> Get(Guid id, ClaimsPrincipal user, IQuerySession session, IEvidenceBlobStore blobs,
        Tenancy.TownDatabases towns, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var evidence = await session.LoadAsync<EvidenceFile>(id, ct);
        var database = session.Database;
        if ((evidence is null || !EvidenceAccess.MayRead(caller, evidence)) && Tenancy.TownDatabases.IsDistrict(session.Database)
            && await Tenancy.DistrictHomes.TenantOfAsync(session.DocumentStore, towns, id, ct) is { } tenant)
        {
            await using var town = session.DocumentStore.QuerySession(tenant);
            evidence = await town.LoadAsync<EvidenceFile>(id, ct);
            database = town.Database;
        }
        if (evidence is null || !EvidenceAccess.MayRead(caller, evidence))
            throw ApiProblemException.NotFound("证据", "Evidence", id);
        var content = await blobs.ReadAsync(database, evidence.Sha256, ct);
        if (content is null && !Tenancy.TownDatabases.IsDistrict(database))
            content = await blobs.ReadAsync(session.DocumentStore.Storage.Database, evidence.Sha256, ct);
        if (content is null) throw new InvalidOperationException($"Evidence {id} has no stored content for {evidence.Sha256}.");
        return Results.File(content, evidence.ContentType, evidence.FileName, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{evidence.Sha256}\""));
    }
}
