using System.Security.Claims;
using System.Security.Cryptography;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace AnJiaXing.Platform.Evidence;

public sealed record EvidenceUploaded(Guid Id, string Sha256, string ContentType, long Size);

public static class UploadEvidenceEndpoint
{
    /// <summary>Multipart upload (field <c>file</c>) of a JPEG, PNG or PDF, typed by its content.</summary>
    [Authorize]
    [FileUpload("file", "JPEG, PNG, PDF")]
    [WolverinePost("/api/evidence", OperationId = "UploadEvidence")]
    public static async Task<IResult> Post(
        HttpRequest request, ClaimsPrincipal user, IDocumentSession session, IEvidenceBlobStore blobs,
        IOptions<EvidenceOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var upload = await request.ReadSingleFileAsync(options.Value.MaxBytes, "JPEG / PNG / PDF", ct);
        var content = upload.Content;
        var contentType = EvidenceContent.Verify(content);

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        await blobs.SaveAsync(session, sha256, contentType, content, ct);
        var evidence = new EvidenceFile
        {
            Id = Guid.CreateVersion7(),
            Sha256 = sha256,
            ContentType = contentType,
            Size = content.LongLength,
            FileName = upload.FileName,
            UploadedBy = caller.Actor,
            UploadedAt = clock.GetUtcNow()
        };
        session.Insert(evidence);
        // With town databases the district's readers of a town's record find its files by their home (ADR 0030).
        await Tenancy.DistrictHomes.WriteAheadAsync(session, [evidence.Id], ct);
        return Results.Created($"/api/evidence/{evidence.Id}", new EvidenceUploaded(evidence.Id, sha256, contentType, evidence.Size));
    }
}
