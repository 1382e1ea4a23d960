using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace AnJiaXing.Platform.Ledger;

public sealed record LedgerBreak(Guid StreamId, long Version, string Reason);

public sealed record DigestCheck(long Id, long CoveredSequence, string Root, DateTimeOffset CreatedAt, string KeyId, bool SignatureValid, bool? RootMatches, string? Reason);

public sealed record LedgerVerification(
    bool Ok, long StreamsChecked, long EventsChecked, LedgerBreak? FirstBreak, DigestCheck? Digest, long ElapsedMilliseconds);

/// <summary>
/// Recomputes the hash chains from the stored events, independently of anything the database computed, and checks
/// them against the ledger, personal signatures against registered keys, and a signed digest against the
/// recomputed heads. Needs only a connection: it runs in the service and from the command line against a restored
/// backup with the service stopped.
/// </summary>
public sealed class LedgerVerifier(Func<NpgsqlConnection> connect, string schema = LedgerSchema.S)
{
    public async Task<LedgerVerification> VerifyAsync(Guid? streamId, long? digestId, string? trustedPublicKey, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = connect();
        await connection.OpenAsync(ct);

        // A digest covers the whole ledger: checked on a whole-ledger run, or when one is asked for by id.
        var digest = streamId is null || digestId is not null ? await LoadDigestAsync(connection, digestId, ct) : null;
        var keys = await LoadPersonalKeysAsync(connection, ct);
        var covered = digest?.CoveredSequence ?? -1;
        var heads = new List<MerkleTree.Leaf>();

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
        await using var command = new NpgsqlCommand($"""
            select e.seq_id, coalesce(e.stream_id, l.stream_id), coalesce(e.version, l.version), e.type, e.data::text, e.headers::text,
                   e.user_name, e.correlation_id, e.causation_id, e.timestamp,
                   l.seq_id, l.stream_id, l.version, l.previous_hash, l.hash
            from {eventRows} e
            full outer join {entries} l on l.seq_id = e.seq_id
            order by 2, 3, 1
            """, connection);
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

            if (!row.HasEvent)
            {
                Break(row.StreamId, row.Version, "The event was deleted: the ledger has a hash for a version the store no longer holds.");
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

        DigestCheck? digestCheck = null;
        if (digest is not null)
        {
            var signatureValid = LedgerSigningKey.Verify(digest.PublicKey, digest.Payload, digest.Signature)
                                 && (trustedPublicKey is null || trustedPublicKey == digest.PublicKey);
            bool? rootMatches = streamId is null ? MerkleTree.Root(heads) == digest.Root : null;
            var reason = !signatureValid ? "The digest's signature does not verify with the trusted key."
                : rootMatches == false ? "The events the digest covered are no longer the same (the recomputed root differs)."
                : null;
            digestCheck = new DigestCheck(digest.Id, digest.CoveredSequence, digest.Root, digest.CreatedAt, digest.KeyId, signatureValid, rootMatches, reason);
        }

        var ok = firstBreak is null && digestCheck?.Reason is null;
        return new LedgerVerification(ok, streams, events, firstBreak, digestCheck, clock.ElapsedMilliseconds);
    }

    private static string? Text(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static string? SignatureProblem(LedgerRow row, IReadOnlyDictionary<string, (Guid Account, string PublicKey)> keys)
    {
        if (row.Headers is null) return null;
        using var headers = JsonDocument.Parse(row.Headers);
        if (!headers.RootElement.TryGetProperty(PersonalSignature.Header, out var signature)) return null;
        var parsed = PersonalSignature.FromJson(signature);
        if (parsed is null) return "The personal signature is malformed.";
        if (!keys.TryGetValue(parsed.KeyId, out var key)) return $"The personal signature names an unknown key '{parsed.KeyId}'.";
        var actor = headers.RootElement.TryGetProperty("actorId", out var a) ? a.GetString() : null;
        if (actor != key.Account.ToString()) return "The personal signature's key belongs to someone other than the actor.";
        return LedgerSigningKey.Verify(key.PublicKey, parsed.Payload, parsed.Value) ? null : "The personal signature does not verify.";
    }

    private async Task<IReadOnlyDictionary<string, (Guid, string)>> LoadPersonalKeysAsync(NpgsqlConnection connection, CancellationToken ct)
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

    private async Task<StoredDigest?> LoadDigestAsync(NpgsqlConnection connection, long? id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select id, covered_sequence, stream_count, event_count, root, created_at, key_id, public_key, signature from {schema}.ledger_digests "
            + (id is null ? "order by id desc limit 1" : "where id = $1"), connection);
        if (id is { } digestId) command.Parameters.AddWithValue(digestId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new StoredDigest(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetString(4),
            new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc)), reader.GetString(6), reader.GetString(7), reader.GetString(8));
    }
}

/// <summary>A digest as stored; <see cref="Payload"/> is exactly what was signed.</summary>
public sealed record StoredDigest(long Id, long CoveredSequence, long StreamCount, long EventCount, string Root, DateTimeOffset CreatedAt,
    string KeyId, string PublicKey, string Signature)
{
    public string Payload => DigestPayload(CoveredSequence, StreamCount, EventCount, Root, CreatedAt);

    public static string DigestPayload(long covered, long streams, long events, string root, DateTimeOffset createdAt) =>
        $"anjiaxing-ledger-digest/v1\n{covered}\n{streams}\n{events}\n{root}\n{createdAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'}";
}
