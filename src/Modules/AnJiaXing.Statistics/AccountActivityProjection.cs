using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace AnJiaXing.Statistics;

/// <summary>
/// Marks, for every event of every stream, its actor as active on the event's district day. Inserting a row that
/// exists changes nothing, so the projection needs no reads, tolerates any batching and rebuilds to the same rows.
/// The actor is the <c>actorId</c> header the metadata listener stamps on every event; the system is no user.
/// <para>
/// A batch writes its (account, day) pairs as one set-based insert into the document table (ADR 0031), not as one
/// Marten upsert per document: a rebuild over 100,000 events wrote ≈ 55,000 documents, and the per-document upsert
/// calls, not reading the events, were what made the rebuild take 10 × a no-op projection over the same events.
/// </para>
/// </summary>
public sealed class AccountActivityProjection : IProjection
{
    public const string Name = "AccountActivity";

    /// <summary>
    /// Events per daemon batch, live and in a rebuild (Marten's default is 500). A live batch holds what arrived since
    /// the last poll, so this bounds catch-up, not the lag; in a rebuild of 100,000 events 500 cost ≈ 1.5 × 20,000
    /// (docs/benchmarks.md, session 6).
    /// </summary>
    public const int BatchSize = 20_000;

    // The columns Marten's upsert would write; the JSON is the document as Marten's serializer writes it (camelCase,
    // see AccountActiveDay), so a query of AccountActiveDay reads these rows like any other. Version and last-modified
    // take the table's defaults. An existing (account, day) row is left as it is: its content could only be the same.
    private static readonly string Insert = $"""
        insert into {MartenSetup.Schema}.mt_doc_accountactiveday (id, data, mt_dotnet_type, account_id, day)
        select d.id, jsonb_build_object('id', d.id, 'accountId', d.account_id, 'day', d.day), '{typeof(AccountActiveDay).FullName}', d.account_id, d.day
        from unnest(?::varchar[], ?::uuid[], ?::integer[]) as d(id, account_id, day)
        on conflict (id) do nothing
        """;

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var days = new HashSet<(Guid Account, int Day)>();
        foreach (var e in events)
        {
            if (!Guid.TryParse(e.GetHeader(EventMetadataListener.ActorIdHeader)?.ToString(), out var actor) || actor == Actor.System.Id) continue;
            days.Add((actor, AccountActiveDay.DayNumber(StatisticsCalendar.DayOf(e.Timestamp))));
        }
        if (days.Count == 0) return Task.CompletedTask;
        operations.QueueSqlCommand(Insert,
            days.Select(d => AccountActiveDay.IdOf(d.Account, d.Day)).ToArray(), days.Select(d => d.Account).ToArray(), days.Select(d => d.Day).ToArray());
        return Task.CompletedTask;
    }
}
