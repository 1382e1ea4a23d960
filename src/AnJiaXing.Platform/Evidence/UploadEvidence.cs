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
        if (!request.HasFormContentType)
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Upload the file as multipart/form-data in the field 'file'.");
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault()
                   ?? throw ApiProblemException.Validation("file", "No file was uploaded.");

        var max = options.Value.MaxBytes;
        if (file.Length > max)
            throw new ApiProblemException(StatusCodes.Status413PayloadTooLarge, "Payload too large",
                $"The file has {file.Length} bytes; the limit is {max}.");
        if (file.Length == 0) throw ApiProblemException.Validation("file", "The file is empty.");

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var content = buffer.ToArray();
        var contentType = EvidenceContent.Detect(content)
            ?? throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Evidence must be a JPEG, PNG or PDF file (decided by its content).");

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        await blobs.SaveAsync(session, sha256, contentType, content, ct);
        var evidence = new EvidenceFile
        {
            Id = Guid.CreateVersion7(),
            Sha256 = sha256,
            ContentType = contentType,
            Size = content.LongLength,
            FileName = Path.GetFileName(file.FileName),
            UploadedBy = caller.Actor,
            UploadedAt = clock.GetUtcNow()
        };
        session.Insert(evidence);
        return Results.Created($"/api/evidence/{evidence.Id}", new EvidenceUploaded(evidence.Id, sha256, contentType, evidence.Size));
    }
}
