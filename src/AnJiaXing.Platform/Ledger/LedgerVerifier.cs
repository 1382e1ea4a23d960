using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace AnJiaXing.Platform.Ledger;

public sealed record LedgerBreak(Guid StreamId, long Version, string Reason);

public sealed record DigestCheck(long Id, long CoveredSequence, string Root, DateTimeOffset CreatedAt, string KeyId, bool SignatureValid, bool? RootMatches, string? Reason);

/// <summary>Every signed head checked against the recomputed log: signed by a trusted key, its size and root, consistent with the head before.</summary>
public sealed record HeadsCheck(long Checked, long ExportedChecked, long? FailedHeadId, string? Reason);

/// <param name="Database">With town databases (ADR 0030): the database verified (<c>district</c> or a town's id).</param>
/// <param name="Databases">With town databases, a verification of all: each database's own, the totals above.</param>
public sealed record LedgerVerification(
    bool Ok, long StreamsChecked, long EventsChecked, LedgerBreak? FirstBreak, DigestCheck? Digest, HeadsCheck? Heads, long ElapsedMilliseconds,
    string? Database = null, IReadOnlyList<LedgerVerification>? Databases = null);

/// <summary>
/// Recomputes the hash chains from the stored events, independently of anything the database computed, and checks
/// them against the ledger, personal signatures against registered keys, and every signed head against the log
/// recomputed from the events, with signatures checked only against the trusted keys (never a key stored in the
/// database). Needs only a connection: it runs in the service and from the command line against a restored backup
/// with the service stopped.
/// </summary>
public sealed class LedgerVerifier(Func<NpgsqlConnection> connect, string schema = LedgerSchema.S)
{
    public Task<LedgerVerification> VerifyAsync(Guid? streamId, long? digestId, LedgerTrust trust, CancellationToken ct) =>
        VerifyAsync(streamId, digestId, trust, null, ct);

    /// <param name="against">Heads exported earlier (<c>ledger-heads.jsonl</c>): each must still be in the database and match the log.</param>
    public async Task<LedgerVerification> VerifyAsync(Guid? streamId, long? digestId, LedgerTrust trust, IReadOnlyList<ExportedHead>? against, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = connect();
        await connection.OpenAsync(ct);
        // Every read of one run sees one snapshot: a stream committing more events meanwhile (work the service does by
        // itself) must not look like a truncation between the read of its version and the read of its events.
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);

        // A digest covers the whole ledger: checked on a whole-ledger run, or when one is asked for by id.
        var digest = streamId is null || digestId is not null ? await LoadDigestAsync(connection, digestId, ct) : null;
        var keys = await LoadPersonalKeysAsync(connection, ct);
        var covered = digest?.CoveredSequence ?? -1;
        var heads = new List<MerkleTree.Leaf>();
        var log = new List<(long Sequence, byte[] Leaf)>();
        var lastVersions = new Dictionary<Guid, long>();

        LedgerBreak? firstBreak = null;
        long streams = 0, events = 0;
        Guid? current = null;
        long expected = 1;
        var previous = LedgerSchema.Genesis;
        MerkleTree.Leaf? head = null;

        void Break(Guid stream, long version, string reason) => firstBreak ??= new LedgerBreak(stream, version, reason);

        void CloseStream()
        {
            if (head is not null) heads.Add(head);
            head = null;
        }

        // One stream: both sides narrowed by their (stream_id, version) indexes before the join.
        // Tombstones are not chained (see LedgerSchema): they are skipped here exactly as the trigger skips them.
        var eventRows = streamId is null
            ? $"(select * from {schema}.mt_events where type <> '{LedgerSchema.TombstoneType}')"
            : $"(select * from {schema}.mt_events where stream_id = $1 and type <> '{LedgerSchema.TombstoneType}')";
        var entries = streamId is null ? $"{schema}.ledger_entries" : $"(select * from {schema}.ledger_entries where stream_id = $1)";
        await using (var command = new NpgsqlCommand($"""
            select e.seq_id, coalesce(e.stream_id, l.stream_id), coalesce(e.version, l.version), e.type, e.data::text, e.headers::text,
                   e.user_name, e.correlation_id, e.causation_id, e.timestamp,
                   l.seq_id, l.stream_id, l.version, l.previous_hash, l.hash
            from {eventRows} e
            full outer join {entries} l on l.seq_id = e.seq_id
            order by 2, 3, 1
            """, connection))
        {
            if (streamId is { } id) command.Parameters.AddWithValue(id);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var row = new LedgerRow(
                    reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2),
                    Text(reader, 3), Text(reader, 4), Text(reader, 5), Text(reader, 6), Text(reader, 7), Text(reader, 8),
                    reader.IsDBNull(9) ? null : reader.GetDateTime(9),
                    reader.IsDBNull(10) ? null : reader.GetInt64(10), reader.IsDBNull(11) ? null : reader.GetGuid(11),
                    reader.IsDBNull(12) ? null : reader.GetInt64(12), Text(reader, 13), Text(reader, 14));

                if (row.StreamId != current)
                {
                    CloseStream();
                    current = row.StreamId;
                    streams++;
                    expected = 1;
                    previous = LedgerSchema.Genesis;
                }
                lastVersions[row.StreamId] = Math.Max(row.Version, lastVersions.GetValueOrDefault(row.StreamId));

                if (!row.HasEvent)
                {
                    Break(row.StreamId, row.Version, "The event was deleted: the ledger has a hash for a version the store no longer holds.");
                    log.Add((row.LedgerSequence!.Value, MerkleLog.LeafHash(row.LedgerStreamId!.Value, row.LedgerVersion!.Value, row.StoredHash!)));
                    previous = row.StoredHash ?? previous;
                    expected = row.Version + 1;
                    continue;
                }

                events++;
                if (!row.HasLedgerEntry)
                    Break(row.StreamId, row.Version, "The event has no ledger entry: it was inserted behind the service's back.");
                else if (row.LedgerStreamId != row.StreamId || row.LedgerVersion != row.Version)
                    Break(row.StreamId, row.Version, $"The event was moved: the ledger recorded it as version {row.LedgerVersion} of stream {row.LedgerStreamId}.");
                if (row.Version != expected)
                    Break(row.StreamId, expected, row.Version > expected
                        ? $"Version {expected} is missing: events were deleted or the stream was renumbered."
                        : $"Version {row.Version} appears twice.");

                var recomputed = LedgerHash.Of(LedgerHash.Canonical(row.StreamId, row.Version, row.Type!, row.Data!, row.Headers,
                    row.UserName, row.CorrelationId, row.CausationId, DateTime.SpecifyKind(row.Timestamp!.Value, DateTimeKind.Utc), previous));
                if (row.HasLedgerEntry)
                {
                    // The log is rebuilt from what the events say, not from the hashes the database stores.
                    log.Add((row.LedgerSequence!.Value, MerkleLog.LeafHash(row.LedgerStreamId!.Value, row.LedgerVersion!.Value, recomputed)));
                    if (row.StoredPreviousHash != previous)
                        Break(row.StreamId, row.Version, "The chain is broken: the previous hash does not match (events inserted, deleted or reordered).");
                    else if (row.StoredHash != recomputed)
                        Break(row.StreamId, row.Version, "The event's data or metadata was changed after it was appended.");
                }

                if (SignatureProblem(row, keys) is { } problem) Break(row.StreamId, row.Version, problem);

                if (row.Sequence <= covered) head = new MerkleTree.Leaf(row.StreamId, row.Version, recomputed);
                // Follow the stored chain after a break so later, independent breaks are still found in other streams.
                previous = row.StoredHash ?? recomputed;
                expected = row.Version + 1;
            }
            CloseStream();
        }

        // Truncation: a stream's newest events deleted with their ledger entries leave no gap in the chain, but
        // Marten's stream table still holds the stream's version.
        foreach (var (stream, version) in await LoadStreamVersionsAsync(connection, streamId, ct))
        {
            var last = lastVersions.GetValueOrDefault(stream);
            if (version > last)
                Break(stream, last + 1, $"The stream's newest events were deleted: the stream is at version {version}, versions {last + 1} to {version} are missing.");
        }

        DigestCheck? digestCheck = null;
        if (digest is not null)
        {
            var problem = trust.Problem(digest.KeyId, digest.Payload, digest.Signature, digest.CreatedAt);
            bool? rootMatches = streamId is null ? MerkleTree.Root(heads) == digest.Root : null;
            var reason = problem ?? (rootMatches == false ? "The events the digest covered are no longer the same (the recomputed root differs)." : null);
            digestCheck = new DigestCheck(digest.Id, digest.CoveredSequence, digest.Root, digest.CreatedAt, digest.KeyId, problem is null, rootMatches, reason);
        }

        HeadsCheck? headsCheck = null;
        if (streamId is null)
        {
            log.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
            var stored = await StoredDigest.LoadAsync(connection, schema, "order by id", null, ct);
            var (failed, reason) = CheckHeads(stored, log, trust);
            long exportedChecked = 0;
            if (failed is null && against is not null)
            {
                var byId = stored.ToDictionary(d => d.Id);
                foreach (var e in against.OrderBy(e => e.Id))
                {
                    exportedChecked++;
                    if (!byId.TryGetValue(e.Id, out var inDatabase) || inDatabase.Signature != e.Signature)
                    {
                        (failed, reason) = (e.Id,
                            $"The exported head {e.Id} (up to sequence {e.CoveredSequence}, {e.EventCount} entries) is missing from the database or was replaced: heads were deleted.");
                        break;
                    }
                }
                if (failed is null) (failed, reason) = CheckHeads(against.OrderBy(e => e.Id).Select(e => e.ToDigest()).ToList(), log, trust);
            }
            headsCheck = new HeadsCheck(stored.Count, exportedChecked, failed, reason);
        }

        var ok = firstBreak is null && digestCheck?.Reason is null && headsCheck?.Reason is null;
        return new LedgerVerification(ok, streams, events, firstBreak, digestCheck, headsCheck, clock.ElapsedMilliseconds);
    }

    /// <summary>
    /// Each head (in order) against the log recomputed from the events: signed by a trusted key, the same number of
    /// entries up to its sequence, the same root, and a consistency proof from the previous head that verifies.
    /// </summary>
    private static (long? Failed, string? Reason) CheckHeads(IReadOnlyList<StoredDigest> heads, List<(long Sequence, byte[] Leaf)> log, LedgerTrust trust)
    {
        // The recomputed log's root at each head's sequence, in one pass.
        var recomputed = new Dictionary<long, (long Size, byte[] Root)>();
        var frontier = new MerkleLog.Frontier();
        var next = 0;
        foreach (var head in heads.Where(h => h.LogRoot is not null).OrderBy(h => h.CoveredSequence).ThenBy(h => h.Id))
        {
            while (next < log.Count && log[next].Sequence <= head.CoveredSequence) frontier.Append(log[next++].Leaf);
            recomputed[head.Id] = (frontier.Size, frontier.Root());
        }

        StoredDigest? previous = null;
        foreach (var head in heads)
        {
            if (trust.Problem(head.KeyId, head.Payload, head.Signature, head.CreatedAt) is { } problem) return (head.Id, $"Head {head.Id}: {problem}");
            if (head.LogRoot is null) continue; // a v1 digest: no log root to check
            var (size, root) = recomputed[head.Id];
            if (size != head.EventCount)
                return (head.Id, size < head.EventCount
                    ? $"Head {head.Id} covered {head.EventCount} entries up to sequence {head.CoveredSequence}; the database now holds {size}: entries were deleted."
                    : $"Head {head.Id} covered {head.EventCount} entries up to sequence {head.CoveredSequence}; the database now holds {size}: entries were inserted below it.");
            if (MerkleLog.Hex(root) != head.LogRoot)
                return (head.Id, $"The entries head {head.Id} covered were changed (the recomputed log root differs): history was rewritten.");
            if (previous is not null)
            {
                var proof = string.IsNullOrEmpty(head.ConsistencyProof) ? [] : head.ConsistencyProof.Split(',').Select(Convert.FromHexString).ToList();
                if (head.EventCount < previous.EventCount || head.CoveredSequence < previous.CoveredSequence
                    || !MerkleLog.VerifyConsistency(previous.EventCount, head.EventCount, Convert.FromHexString(previous.LogRoot!), Convert.FromHexString(head.LogRoot), proof))
                    return (head.Id, $"Head {head.Id} is not consistent with head {previous.Id}: the log before it was rewritten, or heads between them were deleted.");
            }
            previous = head;
        }
        return (null, null);
    }

    private static string? Text(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static string? SignatureProblem(LedgerRow row, IReadOnlyDictionary<string, (Guid Account, string PublicKey)> keys) =>
        SignatureProblem(row.Headers, keys);

    /// <summary>Null when the event carries no personal signature or it verifies with the actor's registered key; otherwise why not.</summary>
    internal static string? SignatureProblem(string? eventHeaders, IReadOnlyDictionary<string, (Guid Account, string PublicKey)> keys)
    {
        if (eventHeaders is null) return null;
        using var headers = JsonDocument.Parse(eventHeaders);
        if (!headers.RootElement.TryGetProperty(PersonalSignature.Header, out var signature)) return null;
        var parsed = PersonalSignature.FromJson(signature);
        if (parsed is null) return "The personal signature is malformed.";
        if (!keys.TryGetValue(parsed.KeyId, out var key)) return $"The personal signature names an unknown key '{parsed.KeyId}'.";
        var actor = headers.RootElement.TryGetProperty("actorId", out var a) ? a.GetString() : null;
        if (actor != key.Account.ToString()) return "The personal signature's key belongs to someone other than the actor.";
        return LedgerSigningKey.Verify(key.PublicKey, parsed.Payload, parsed.Value) ? null : "The personal signature does not verify.";
    }

    private Task<IReadOnlyDictionary<string, (Guid, string)>> LoadPersonalKeysAsync(NpgsqlConnection connection, CancellationToken ct) =>
        LoadPersonalKeysAsync(connection, schema, ct);

    /// <summary>Every registered personal key, read from the chained registration events (never from a document).</summary>
    internal static async Task<IReadOnlyDictionary<string, (Guid, string)>> LoadPersonalKeysAsync(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        var keys = new Dictionary<string, (Guid, string)>();
        await using var command = new NpgsqlCommand(
            $"""
            select e.data ->> 'accountId', e.data ->> 'keyId', e.data ->> 'publicKey'
            from {schema}.ledger_entries l join {schema}.mt_events e on e.seq_id = l.seq_id
            where l.event_type = 'account_signing_key_registered'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            if (Guid.TryParse(reader.GetString(0), out var account)) keys[reader.GetString(1)] = (account, reader.GetString(2));
        return keys;
    }

    private async Task<List<(Guid Stream, long Version)>> LoadStreamVersionsAsync(NpgsqlConnection connection, Guid? streamId, CancellationToken ct)
    {
        var only = streamId is null ? "" : "and s.id = $1";
        await using var command = new NpgsqlCommand($"""
            select s.id, s.version from {schema}.mt_streams s
            where coalesce(s.type, '') <> 'mt_tombstone' {only}
              and not exists (select 1 from {schema}.mt_events t where t.stream_id = s.id and t.type = '{LedgerSchema.TombstoneType}')
            """, connection);
        if (streamId is { } id) command.Parameters.AddWithValue(id);
        var result = new List<(Guid, long)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result.Add((reader.GetGuid(0), reader.GetInt64(1)));
        return result;
    }

    private async Task<StoredDigest?> LoadDigestAsync(NpgsqlConnection connection, long? id, CancellationToken ct) =>
        (await StoredDigest.LoadAsync(connection, schema, id is null ? "order by id desc limit 1" : "where id = $1", id, ct)).FirstOrDefault();
}

/// <summary>
/// A signed head as stored; <see cref="Payload"/> is exactly what was signed (v2 with the log root; v1 digests before
/// it). The public key stored beside it is informative only: verification uses the configured trusted keys.
/// </summary>
public sealed record StoredDigest(long Id, long CoveredSequence, long StreamCount, long EventCount, string Root, DateTimeOffset CreatedAt,
    string KeyId, string PublicKey, string Signature, string? LogRoot = null, string? ConsistencyProof = null)
{
    public string Payload => LogRoot is null
        ? DigestPayload(CoveredSequence, StreamCount, EventCount, Root, CreatedAt)
        : HeadPayload(CoveredSequence, StreamCount, EventCount, Root, LogRoot, CreatedAt);

    public static string DigestPayload(long covered, long streams, long events, string root, DateTimeOffset createdAt) =>
        $"anjiaxing-ledger-digest/v1\n{covered}\n{streams}\n{events}\n{root}\n{createdAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'}";

    /// <summary>The signed text of a v2 head; <paramref name="events"/> is the log's tree size.</summary>
    public static string HeadPayload(long covered, long streams, long events, string root, string logRoot, DateTimeOffset createdAt) =>
        $"anjiaxing-ledger-head/v2\n{covered}\n{streams}\n{events}\n{root}\n{logRoot}\n{createdAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'}";

    public static async Task<List<StoredDigest>> LoadAsync(NpgsqlConnection connection, string schema, string clause, long? id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "select id, covered_sequence, stream_count, event_count, root, created_at, key_id, public_key, signature, log_root, consistency_proof "
            + $"from {schema}.ledger_digests {clause}", connection);
        if (id is { } v) command.Parameters.AddWithValue(v);
        var result = new List<StoredDigest>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result.Add(new StoredDigest(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetString(4),
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc)), reader.GetString(6), reader.GetString(7),
                reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10)));
        return result;
    }
}
