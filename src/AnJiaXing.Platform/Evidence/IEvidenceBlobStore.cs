using Marten;

namespace AnJiaXing.Platform.Evidence;

/// <summary>Content-addressed storage of evidence bytes: PostgreSQL by default, or a configured folder.</summary>
public interface IEvidenceBlobStore
{
    /// <summary>Stores the content under its hash as part of the session's unit of work (no-op when already stored).</summary>
    Task SaveAsync(IDocumentSession session, string sha256, string contentType, byte[] content, CancellationToken ct);

    /// <summary>The content stored under its hash in this database (with town databases each has its own blobs).</summary>
    Task<byte[]?> ReadAsync(Marten.Storage.IMartenDatabase database, string sha256, CancellationToken ct);
}
