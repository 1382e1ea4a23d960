using AnJiaXing.Api.Infrastructure.Http;
using Marten;
using JasperFx.Events;

namespace AnJiaXing.Api.Infrastructure.Persistence;

public static class EventStreams
{
    /// <summary>
    /// Fetches a stream for a command. With an expected version, a stale one is refused with 409 before the
    /// aggregate decides anything; the append itself is still guarded by the store's version check.
    /// </summary>
    public static async Task<IEventStream<T>> FetchForCommandAsync<T>(
        this IDocumentSession session, Guid id, long? expectedVersion, string what, CancellationToken ct) where T : class
    {
        var stream = await session.Events.FetchForWriting<T>(id, ct);
        if (stream.Aggregate is null) throw ApiProblemException.NotFound(what, id);
        if (expectedVersion is { } expected && expected != stream.CurrentVersion)
        {
            throw ApiProblemException.Conflict(
                $"{what} '{id}' is at version {stream.CurrentVersion}, not {expected}; read it again before retrying.",
                new Dictionary<string, object?> { ["currentVersion"] = stream.CurrentVersion, ["expectedVersion"] = expected });
        }
        return stream;
    }
}
