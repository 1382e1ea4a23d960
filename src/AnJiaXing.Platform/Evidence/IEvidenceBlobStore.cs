using Marten;

namespace AnJiaXing.Platform.Evidence;

/// <summary>Content-addressed storage of evidence bytes: PostgreSQL by default, or a configured folder.</summary>
public interface IEvidenceBlobStore
{
    /// <summary>Stores the content under its hash as part of the session's unit of work (no-op when already stored).</summary>
    Task SaveAsync(IDocumentSession session, string sha256, string contentType, byte[] content, CancellationToken ct);

    Task<byte[]?> ReadAsync(string sha256, CancellationToken ct);
}
