using JasperFx.Events;
using Marten;

namespace AnJiaXing.Platform.Persistence;

public static class EventStreams
{
    /// <summary>
    /// Fetches a stream for a command, in the order every command refuses: unknown → 404; outside the caller's scope
    /// (<paramref name="hideOutsideScope"/> throws) → 404; a stale expected version → 409 with <c>currentVersion</c>
    /// and the aggregate's <paramref name="state"/>. The append itself is still guarded by the store's version check.
    /// </summary>
    public static async Task<IEventStream<T>> FetchForCommandAsync<T>(
        this IDocumentSession session, Guid id, long? expectedVersion, Noun what, CancellationToken ct,
        Func<T, Task>? hideOutsideScope = null, Func<T, IReadOnlyDictionary<string, object?>>? state = null) where T : class
    {
        var stream = await session.Events.FetchForWriting<T>(id, ct);
        var aggregate = stream.Aggregate ?? throw ApiProblemException.NotFound(what, id);
        if (hideOutsideScope is not null) await hideOutsideScope(aggregate);

        var current = stream.CurrentVersion ?? 0;
        if (expectedVersion is { } expected && expected != current)
        {
            var extensions = new Dictionary<string, object?> { ["currentVersion"] = current, ["expectedVersion"] = expected };
            if (state is not null)
                foreach (var (key, value) in state(aggregate)) extensions[key] = value;
            throw ApiProblemException.Conflict(
                ProblemLanguage.Say($"{what.Zh}“{id}”当前为第 {current} 版，而不是第 {expected} 版；请重新读取后再试。", $"{what.En} '{id}' is at version {current}, not {expected}; read it again before retrying."), extensions);
        }
        return stream;
    }
}
