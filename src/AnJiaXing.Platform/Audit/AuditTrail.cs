using System.Text.Json;
using Marten;
using Npgsql;

namespace AnJiaXing.Platform.Audit;

/// <summary>One signed event as auditors see it: as in a hazard's history, plus its stream.</summary>
public sealed record AuditEvent(
    long Sequence, Guid StreamId, string? StreamType, long Version, string Type, JsonElement Data, DateTimeOffset Timestamp,
    Actor? Actor, string Hash, string PreviousHash, JsonElement? Signature, string? CorrelationId);

public sealed record AuditFilter(
    Guid? ActorId, Guid? OrganisationId, Guid? EnterpriseId, string? StreamType, string? EventType, DateTimeOffset? From, DateTimeOffset? To);

/// <summary>Queries over the ledger's indexed entries joined to the stored events; never a scan of event JSON.</summary>
public sealed class AuditTrail(IDocumentStore store)
{
    private const string S = MartenSetup.Schema;

    public async Task<(IReadOnlyList<AuditEvent> Items, long Total)> QueryAsync(AuditFilter filter, int skip, int take, CancellationToken ct)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        var (where, parameters) = Where(filter);

        long total;
        await using (var count = new NpgsqlCommand($"select count(*) from {S}.ledger_entries l {where}", connection))
        {
            count.Parameters.AddRange(parameters().ToArray());
            total = (long)(await count.ExecuteScalarAsync(ct))!;
        }

        var items = new List<AuditEvent>();
        await using var command = new NpgsqlCommand($"""
            select l.seq_id, l.stream_id, l.stream_type, l.version, l.event_type, e.data::text, l.recorded_at, l.hash, l.previous_hash,
                   e.headers -> 'signature', e.correlation_id, e.headers::text
            from {S}.ledger_entries l join {S}.mt_events e on e.seq_id = l.seq_id
            {where}
            order by l.seq_id desc
            limit {take} offset {skip}
            """, connection);
        command.Parameters.AddRange(parameters().ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var data = JsonDocument.Parse(reader.GetString(5)).RootElement.Clone();
            items.Add(new AuditEvent(
                reader.GetInt64(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : DomainStreamType(reader.GetString(2)), reader.GetInt64(3), reader.GetString(4),
                data, new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(6), DateTimeKind.Utc)),
                ActorOf(data), reader.GetString(7), reader.GetString(8),
                reader.IsDBNull(9) ? null : JsonDocument.Parse(reader.GetString(9)).RootElement.Clone(),
                reader.IsDBNull(10) ? null : reader.GetString(10)));
        }
        return (items, total);
    }

    /// <summary>The ledger hashes of one stream by version.</summary>
    public async Task<IReadOnlyDictionary<long, (string Hash, string PreviousHash)>> HashesAsync(Guid streamId, CancellationToken ct)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"select version, hash, previous_hash from {S}.ledger_entries where stream_id = $1", connection);
        command.Parameters.AddWithValue(streamId);
        var result = new Dictionary<long, (string, string)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result[reader.GetInt64(0)] = (reader.GetString(1), reader.GetString(2));
        return result;
    }

    /// <summary>Counts and stream ids of one actor's events, by event type.</summary>
    public async Task<IReadOnlyDictionary<string, (long Count, IReadOnlyList<Guid> Streams)>> ActorSummaryAsync(
        Guid actorId, DateTimeOffset? from, DateTimeOffset? to, IReadOnlyCollection<string> eventTypes, CancellationToken ct)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        var (where, parameters) = Where(new AuditFilter(actorId, null, null, null, null, from, to));
        await using var command = new NpgsqlCommand($"""
            select l.event_type, count(*), (array_agg(distinct l.stream_id))[1:50]
            from {S}.ledger_entries l {where} and l.event_type = any(@types)
            group by l.event_type
            """, connection);
        command.Parameters.AddRange(parameters().ToArray());
        command.Parameters.AddWithValue("types", eventTypes.ToArray());
        var result = new Dictionary<string, (long, IReadOnlyList<Guid>)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result[reader.GetString(0)] = (reader.GetInt64(1), reader.GetFieldValue<Guid[]>(2));
        return result;
    }

    private static Actor? ActorOf(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("by", out var by)) return null;
        return by.Deserialize<Actor>(new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() }
        });
    }

    /// <summary>A stream's type as people name it: Marten stores the alias of the read model a stream was started with
    /// (<c>hazard_view</c>); the audit trail shows the domain's word (<c>hazard</c>).</summary>
    public static string DomainStreamType(string stored) =>
        stored.EndsWith("_view", StringComparison.Ordinal) ? stored[..^"_view".Length] : stored;

    private static (string Where, Func<IEnumerable<NpgsqlParameter>> Parameters) Where(AuditFilter f)
    {
        var clauses = new List<string> { "true" };
        var values = new List<(string Name, object Value)>();
        void Add(string clause, string name, object? value)
        {
            if (value is null) return;
            clauses.Add(clause);
            // Npgsql writes only UTC offsets to timestamptz; a client's "+08:00" would otherwise be a 500.
            values.Add((name, value is DateTimeOffset at ? at.ToUniversalTime() : value));
        }
        Add("l.actor_id = @actor", "actor", f.ActorId);
        Add("l.organisation_id = @organisation", "organisation", f.OrganisationId);
        Add("l.enterprise_id = @enterprise", "enterprise", f.EnterpriseId);
        // By its domain name ("hazard") or as stored ("hazard_view"): the ledger keeps Marten's alias, which cannot change.
        Add("(l.stream_type = @streamType or l.stream_type = @streamType || '_view')", "streamType", f.StreamType);
        Add("l.event_type = @eventType", "eventType", f.EventType);
        Add("l.recorded_at >= @from", "from", f.From);
        Add("l.recorded_at < @to", "to", f.To);
        return ("where " + string.Join(" and ", clauses), () => values.Select(v => new NpgsqlParameter(v.Name, v.Value)));
    }
}
