using JasperFx.Events;
using Marten;

namespace AnJiaXing.Platform.Commands;

/// <summary>
/// Who may act on an aggregate of type <typeparamref name="T"/>, for one command: <see cref="Sees"/> is the scope rule
/// (outside it the resource does not exist: 404), <see cref="MayAct"/> the role rule (403 with <see cref="Refusal"/>),
/// <see cref="State"/> what a 409 reports besides the version (e.g. <c>currentStatus</c>). <see cref="What"/> names the
/// aggregate in both languages for the 404 and the stale version's 409; <see cref="Refusal"/> is worded with
/// <see cref="ProblemLanguage.Say"/> (it runs in the request's culture).
/// </summary>
public sealed record CommandRules<T>(
    Noun What,
    Func<Caller, T, bool> Sees,
    Func<Caller, T, bool> MayAct,
    Func<T, string> Refusal,
    Func<T, IReadOnlyDictionary<string, object?>>? State = null);

/// <summary>What a command did: the stream's id, its version after the append (the new <c>ETag</c>), and the events.</summary>
public sealed record CommandOutcome(Guid Id, long Version, IReadOnlyList<object> Events);

/// <summary>
/// The one path every command on an existing stream takes, in every module: load → unknown or out of scope is 404 →
/// a stale expected version is 409 with the current state → the role rule may refuse (403) → the aggregate decides
/// (it may refuse: 409 or 400) → the events are appended → the new version is computed once, here. The append is
/// committed by the transaction middleware and still guarded by the store's version check, so two concurrent
/// commands cannot both win. Nothing is appended on any refusal.
/// </summary>
public static class CommandPath
{
    public static async Task<CommandOutcome> ExecuteAsync<T>(
        this IDocumentSession session, Guid id, long? expectedVersion, Caller caller, CommandRules<T> rules,
        Func<T, IEventStream<T>, ValueTask<IReadOnlyList<object>>> decide, CancellationToken ct) where T : class
    {
        var stream = await session.FetchForCommandAsync<T>(id, expectedVersion, rules.What, ct,
            aggregate => rules.Sees(caller, aggregate) ? Task.CompletedTask : throw ApiProblemException.NotFound(rules.What, id),
            rules.State);
        var aggregate = stream.Aggregate!;
        if (!rules.MayAct(caller, aggregate)) throw ApiProblemException.Forbidden(rules.Refusal(aggregate));

        var events = await decide(aggregate, stream);
        // The version the events were decided against plus what this command appends; read before appending.
        var version = (stream.CurrentVersion ?? 0) + events.Count;
        stream.AppendMany(events);
        return new CommandOutcome(id, version, events);
    }

    /// <summary>The same path for an HTTP command: expected version from <c>If-Match</c> (or the body), the caller from the
    /// token, and the new version answered as <c>ETag</c>.</summary>
    public static async Task<CommandOutcome> ExecuteAsync<T>(
        this HttpContext http, IDocumentSession session, Guid id, long? bodyExpectedVersion, CommandRules<T> rules,
        Func<T, Caller, ValueTask<IReadOnlyList<object>>> decide, CancellationToken ct) where T : class
    {
        var caller = Caller.From(http.User);
        var outcome = await session.ExecuteAsync(id, ExpectedVersion.From(http, bodyExpectedVersion), caller, rules,
            (aggregate, _) => decide(aggregate, caller), ct);
        http.AnswerVersion(outcome.Version);
        return outcome;
    }

    /// <summary>The <c>ETag</c> of an event-sourced resource: its version, on every read and command answer (a create answers 1).</summary>
    public static void AnswerVersion(this HttpContext http, long version) => http.Response.Headers.ETag = ExpectedVersion.ETag(version);

    public static ValueTask<IReadOnlyList<object>> One(object e) => ValueTask.FromResult<IReadOnlyList<object>>([e]);
}
