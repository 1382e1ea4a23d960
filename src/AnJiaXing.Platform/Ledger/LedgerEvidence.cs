using System.Text.Json;
using Marten;
using Npgsql;

namespace AnJiaXing.Platform.Ledger;

/// <summary>How one event stands in the ledger: its hash recomputed from the stored row, its link, its proof in a signed head.</summary>
public sealed record EvidencedEvent(
    long Sequence, Guid StreamId, string? StreamType, long Version, string Type, DateTimeOffset Timestamp, string Data, string? Headers,
    string Canonical, string Hash, string? StoredHash, string PreviousHash, bool HashMatches, bool ChainLinked,
    string? PersonalSignatureKeyId, string? PersonalSignatureProblem, long? LeafIndex, IReadOnlyList<string>? InclusionProof, bool? InclusionVerified)
{
    /// <summary>verified (hash, link and inclusion in a trusted head), unsealed (no head covers it yet) or broken.</summary>
    public string Status => !HashMatches || !ChainLinked || PersonalSignatureProblem is not null || InclusionVerified == false ? "broken"
        : InclusionVerified == true ? "verified" : "unsealed";

    public string? Problem =>
        !HashMatches ? "事件数据或元数据在写入后被修改（哈希不符）。"
        : !ChainLinked ? "哈希链断裂：前一哈希不符（事件被插入、删除或调换）。"
        : PersonalSignatureProblem is not null ? $"个人签名无效：{PersonalSignatureProblem}"
        : InclusionVerified == false ? "事件不在已签名的树头中（包含证明不成立）。"
        : null;
}

/// <summary>The events asked for and the signed head that proves them (null when no head covers them yet).</summary>
public sealed record LedgerEvidenceSet(StoredDigest? Head, string? HeadProblem, IReadOnlyList<EvidencedEvent> Events);

/// <summary>
/// The ledger's evidence for chosen streams, for investigations and their offline bundles: every event's canonical
/// text and hash recomputed from the stored row (as <see cref="LedgerVerifier"/> does), its link to the version
/// before, its personal signature checked against the registered key, and an RFC 9162 inclusion proof against a
/// signed head trusted by <see cref="LedgerTrust"/>. Reads only tables.
/// </summary>
public sealed class LedgerEvidence(IDocumentStore store, LedgerDigests digests, LedgerTrust trust)
{
    private const string S = MartenSetup.Schema;

    /// <param name="streams">Each stream with the highest global sequence to include (its events from version 1 up to it).</param>
    /// <param name="seal">Seal a head first when the latest does not cover every event (a bundle needs one; a read does not).</param>
    public async Task<LedgerEvidenceSet> ExamineAsync(IReadOnlyDictionary<Guid, long> streams, bool seal, CancellationToken ct)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        var rows = await LoadAsync(connection, streams, ct);
        var keys = await LedgerVerifier.LoadPersonalKeysAsync(connection, S, ct);

        var head = (await StoredDigest.LoadAsync(connection, S, "where log_root is not null order by id desc limit 1", null, ct)).FirstOrDefault();
        var highest = rows.Count == 0 ? 0 : rows.Max(r => r.Sequence);
        if (seal && (head is null || head.CoveredSequence < highest))
            head = await digests.SealAsync(force: true, ct);
        var headProblem = head is null ? null : trust.Problem(head.KeyId, head.Payload, head.Signature, head.CreatedAt);

        // The log's leaves up to the head, from the stored hashes: what the head was sealed over.
        var leaves = new List<byte[]>();
        var indexOf = new Dictionary<long, int>();
        if (head is not null && rows.Any(r => r.Sequence <= head.CoveredSequence))
        {
            await using var entries = new NpgsqlCommand($"select seq_id, stream_id, version, hash from {S}.ledger_entries where seq_id <= $1 order by seq_id", connection);
            entries.Parameters.AddWithValue(head.CoveredSequence);
            await using var reader = await entries.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                indexOf[reader.GetInt64(0)] = leaves.Count;
                leaves.Add(MerkleLog.LeafHash(reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3)));
            }
        }
        var memo = new Dictionary<(int, int), byte[]>();
        var logRoot = head?.LogRoot is null ? null : Convert.FromHexString(head.LogRoot);

        var result = new List<EvidencedEvent>();
        Guid? stream = null;
        var previous = LedgerSchema.Genesis;
        foreach (var r in rows)
        {
            if (r.StreamId != stream) (stream, previous) = (r.StreamId, r.Version == 1 ? LedgerSchema.Genesis : r.StoredPreviousHash ?? LedgerSchema.Genesis);
            var canonical = LedgerHash.Canonical(r.StreamId, r.Version, r.Type, r.Data, r.Headers, r.UserName, r.CorrelationId, r.CausationId,
                DateTime.SpecifyKind(r.Timestamp, DateTimeKind.Utc), previous);
            var hash = LedgerHash.Of(canonical);
            long? index = null;
            IReadOnlyList<string>? proof = null;
            bool? included = null;
            if (logRoot is not null && indexOf.TryGetValue(r.Sequence, out var i))
            {
                var path = MerkleLog.InclusionProof(i, leaves, memo);
                index = i;
                proof = path.Select(MerkleLog.Hex).ToList();
                included = headProblem is null && MerkleLog.VerifyInclusion(i, leaves.Count, MerkleLog.LeafHash(r.StreamId, r.Version, hash), path, logRoot)
                           && leaves.Count == head!.EventCount;
            }
            string? keyId = null;
            if (r.Headers is not null)
            {
                using var headers = JsonDocument.Parse(r.Headers);
                if (headers.RootElement.TryGetProperty(PersonalSignature.Header, out var s) && PersonalSignature.FromJson(s) is { } parsed) keyId = parsed.KeyId;
            }
            result.Add(new EvidencedEvent(r.Sequence, r.StreamId, r.StreamType, r.Version, r.Type, new DateTimeOffset(DateTime.SpecifyKind(r.Timestamp, DateTimeKind.Utc)),
                r.Data, r.Headers, canonical, hash, r.StoredHash, previous, hash == r.StoredHash, r.StoredPreviousHash == previous,
                keyId, LedgerVerifier.SignatureProblem(r.Headers, keys), index, proof, included));
            previous = hash;
        }
        return new LedgerEvidenceSet(head, headProblem, result);
    }

    /// <summary>The highest global sequence in the ledger now: an investigation's cut-off, so its findings stay what they were.</summary>
    public async Task<long> HighestSequenceAsync(CancellationToken ct)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {S}.ledger_entries", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The registration events of the personal keys that signed some of <paramref name="events"/>: stream and sequence of each.</summary>
    public async Task<IReadOnlyDictionary<Guid, long>> SigningKeyRegistrationsAsync(IEnumerable<EvidencedEvent> events, CancellationToken ct)
    {
        var keyIds = events.Select(e => e.PersonalSignatureKeyId).OfType<string>().Distinct().ToArray();
        var result = new Dictionary<Guid, long>();
        if (keyIds.Length == 0) return result;
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"""
            select l.stream_id, max(l.seq_id) from {S}.ledger_entries l join {S}.mt_events e on e.seq_id = l.seq_id
            where l.event_type = 'account_signing_key_registered' and e.data ->> 'keyId' = any($1) group by l.stream_id
            """, connection);
        command.Parameters.AddWithValue(keyIds);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result[reader.GetGuid(0)] = reader.GetInt64(1);
        return result;
    }

    private sealed record Row(long Sequence, Guid StreamId, string? StreamType, long Version, string Type, string Data, string? Headers, string? UserName,
        string? CorrelationId, string? CausationId, DateTime Timestamp, string? StoredPreviousHash, string? StoredHash);

    private static async Task<List<Row>> LoadAsync(NpgsqlConnection connection, IReadOnlyDictionary<Guid, long> streams, CancellationToken ct)
    {
        var rows = new List<Row>();
        if (streams.Count == 0) return rows;
        await using var command = new NpgsqlCommand($"""
            select e.seq_id, e.stream_id, l.stream_type, e.version, e.type, e.data::text, e.headers::text, e.user_name, e.correlation_id, e.causation_id,
                   e.timestamp, l.previous_hash, l.hash
            from {S}.mt_events e
            join unnest($1::uuid[], $2::bigint[]) as wanted(stream_id, up_to) on wanted.stream_id = e.stream_id and e.seq_id <= wanted.up_to
            left join {S}.ledger_entries l on l.seq_id = e.seq_id
            where e.type <> '{LedgerSchema.TombstoneType}'
            order by e.stream_id, e.version
            """, connection);
        command.Parameters.AddWithValue(streams.Keys.ToArray());
        command.Parameters.AddWithValue(streams.Values.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        while (await reader.ReadAsync(ct))
            rows.Add(new Row(reader.GetInt64(0), reader.GetGuid(1), Text(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5), Text(6), Text(7),
                Text(8), Text(9), reader.GetDateTime(10), Text(11), Text(12)));
        return rows;
    }
}
