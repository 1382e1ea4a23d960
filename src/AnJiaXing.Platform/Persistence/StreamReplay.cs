using System.Collections.Concurrent;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Npgsql;

namespace AnJiaXing.Platform.Persistence;

/// <summary>
/// A stream folded as it was at a version or a point in time, for time travel (<c>?version=</c>, <c>?asOf=</c>), at
/// the cost of a raw read of its rows (issue 12, goal 4; docs/benchmarks.md, session 6). Marten's
/// <c>AggregateStreamAsync</c> took 2.3–2.7 × a raw select and deserialize of the same rows: it selects all fifteen
/// columns of <c>mt_events</c> and reads every one of them per event, deserialises each event's headers, and reads
/// the data through System.Text.Json's asynchronous stream path; the fold itself was 0.5 ms of a 1,000-event stream.
/// This reads only what a fold sees — type, data, id, sequence, version, timestamp — deserialises the data with the
/// store's own serializer and event mapping (upcasting transformations included), and folds with the store's own
/// aggregator for <typeparamref name="T"/>, so the result is the one Marten's replay gives.
/// <para>
/// What a fold through here does <b>not</b> see: headers, correlation and causation ids, the user name. A projection
/// whose <c>Apply</c> reads them must keep using <c>AggregateStreamAsync</c>. A stream holding an event type the store
/// does not know by name (renamed, or stored by .NET type name only) or a binary-serialised event goes through
/// Marten's own replay, which knows how to resolve it.
/// </para>
/// </summary>
public static class StreamReplay
{
    // The columns in ordinal order; the data comes first because Marten's ReadEventData reads ordinal 0.
    private const string Columns = "data, type, id, seq_id, version, timestamp";

    /// <summary>
    /// <typeparamref name="T"/> folded from the events of <paramref name="streamId"/> up to <paramref name="version"/>
    /// and at or before <paramref name="timestamp"/> (either or both may be null: the whole stream); null when no
    /// event qualifies or the stream is shorter than <paramref name="version"/>, as with Marten's replay.
    /// </summary>
    public static async Task<T?> ReplayAsync<T>(this IQuerySession session, Guid streamId, long? version = null,
        DateTimeOffset? timestamp = null, CancellationToken ct = default) where T : class
    {
        var options = ((DocumentStore)session.DocumentStore).Options;
        var mappings = Mappings.GetValue(options, o => new ConcurrentDictionary<string, EventMapping?>());
        var graph = (EventGraph)options.Events;
        var serializer = options.Serializer();

        var sql = $"select {Columns} from {graph.DatabaseSchemaName}.mt_events where stream_id = $1 and is_archived = false";
        await using var command = new NpgsqlCommand { Parameters = { new NpgsqlParameter { Value = streamId } } };
        if (version is { } v)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = v });
            sql += $" and version <= ${command.Parameters.Count}";
        }
        if (timestamp is { } t)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = t.ToUniversalTime() });
            sql += $" and timestamp <= ${command.Parameters.Count}";
        }
        command.CommandText = sql + " order by version";

        var events = new List<IEvent>();
        var readable = true;
        await using (var reader = await session.ExecuteReaderAsync(command, ct))
        {
            // Not sequential access: ReadAsync buffers the whole row, so the synchronous column reads below do no I/O.
            while (await reader.ReadAsync(ct))
            {
                var mapping = mappings.GetOrAdd(reader.GetString(1), name => MappingFor(graph, name));
                if (mapping is null)
                {
                    readable = false;
                    break;
                }
                var e = mapping.ReadEventData(serializer, reader);
                e.Id = reader.GetGuid(2);
                e.Sequence = reader.GetInt64(3);
                e.Version = reader.GetInt64(4);
                e.Timestamp = reader.GetFieldValue<DateTimeOffset>(5);
                e.StreamId = streamId;
                e.TenantId = session.TenantId;
                events.Add(e);
            }
        }
        // After the reader is closed: the session's connection runs one command at a time.
        if (!readable) return await session.Events.AggregateStreamAsync<T>(streamId, version ?? 0, timestamp, token: ct);
        if (events.Count == 0 || (version is { } last && last > events[^1].Version)) return null;
        return await options.Projections.AggregatorFor<T>().BuildAsync(events, session, null, ct);
    }

    // Per store: a test host and a benchmark may hold several stores in one process.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<StoreOptions, ConcurrentDictionary<string, EventMapping?>> Mappings = new();

    /// <summary>The store's mapping of an event type name, or null where only Marten's own resolution can read the row.</summary>
    private static EventMapping? MappingFor(EventGraph graph, string name)
    {
        var mapping = graph.AllKnownEventTypes().OfType<EventMapping>().FirstOrDefault(m => m.EventTypeName == name);
        return mapping is { IsBinary: false } ? mapping : null;
    }
}
