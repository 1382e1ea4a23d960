using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AnJiaXing.Platform.Ledger;

/// <summary>
/// Seals signed digests: a Merkle root over the latest hash of every stream up to a global sequence, signed with the
/// service's key and stored append-only. Events younger than the settle time wait for the next digest, so a
/// transaction that took a sequence number but has not committed yet is not left out of a sealed range.
/// </summary>
public sealed class LedgerDigests(IDocumentStore store, LedgerSigningKey key, IOptions<LedgerOptions> options, TimeProvider clock)
{
    private const string S = MartenSetup.Schema;

    public async Task<StoredDigest?> LatestAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await ReadAsync(connection, "order by id desc limit 1", null, ct);
    }

    /// <summary>Seals a digest when events arrived since the last one (or always, when <paramref name="force"/>).</summary>
    public async Task<StoredDigest?> SealAsync(bool force, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var latest = await ReadAsync(connection, "order by id desc limit 1", null, ct);

        // The database's clock decides what has settled: it is the clock that stamped the events.
        var settle = force ? 0 : options.Value.SettleTime.TotalSeconds;
        long covered;
        await using (var max = new NpgsqlCommand(
            $"select coalesce(max(seq_id), 0) from {S}.ledger_entries where recorded_at <= now() - make_interval(secs => $1)", connection))
        {
            max.Parameters.AddWithValue(settle);
            covered = (long)(await max.ExecuteScalarAsync(ct))!;
        }
        if (!force && covered <= (latest?.CoveredSequence ?? 0)) return null;

        var leaves = new List<MerkleTree.Leaf>();
        long events;
        await using (var heads = new NpgsqlCommand(
            $"select distinct on (stream_id) stream_id, version, hash from {S}.ledger_entries where seq_id <= $1 order by stream_id, version desc", connection))
        {
            heads.Parameters.AddWithValue(covered);
            await using var reader = await heads.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) leaves.Add(new MerkleTree.Leaf(reader.GetGuid(0), reader.GetInt64(1), reader.GetString(2)));
        }
        await using (var count = new NpgsqlCommand($"select count(*) from {S}.ledger_entries where seq_id <= $1", connection))
        {
            count.Parameters.AddWithValue(covered);
            events = (long)(await count.ExecuteScalarAsync(ct))!;
        }

        var root = MerkleTree.Root(leaves);
        // Stored with microsecond precision, so the signed text is exactly what a verifier rebuilds.
        var now = clock.GetUtcNow();
        var createdAt = new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero);
        var signature = key.Sign(StoredDigest.DigestPayload(covered, leaves.Count, events, root, createdAt));
        await using (var insert = new NpgsqlCommand($"""
            insert into {S}.ledger_digests (covered_sequence, stream_count, event_count, root, created_at, key_id, public_key, signature)
            values ($1, $2, $3, $4, $5, $6, $7, $8) returning id
            """, connection))
        {
            insert.Parameters.AddWithValue(covered);
            insert.Parameters.AddWithValue((long)leaves.Count);
            insert.Parameters.AddWithValue(events);
            insert.Parameters.AddWithValue(root);
            insert.Parameters.AddWithValue(createdAt);
            insert.Parameters.AddWithValue(key.KeyId);
            insert.Parameters.AddWithValue(key.PublicKey);
            insert.Parameters.AddWithValue(signature);
            var id = (long)(await insert.ExecuteScalarAsync(ct))!;
            await tx.CommitAsync(ct);
            return new StoredDigest(id, covered, leaves.Count, events, root, createdAt, key.KeyId, key.PublicKey, signature);
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task<StoredDigest?> ReadAsync(NpgsqlConnection connection, string clause, long? id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select id, covered_sequence, stream_count, event_count, root, created_at, key_id, public_key, signature from {S}.ledger_digests {clause}", connection);
        if (id is { } v) command.Parameters.AddWithValue(v);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new StoredDigest(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetString(4),
            new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc)), reader.GetString(6), reader.GetString(7), reader.GetString(8));
    }
}

/// <summary>Seals a digest every <see cref="LedgerOptions.DigestInterval"/> when anything changed.</summary>
public sealed class LedgerDigestService(LedgerDigests digests, IOptions<LedgerOptions> options, ILogger<LedgerDigestService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DigestInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await digests.SealAsync(force: false, stoppingToken) is { } sealedDigest)
                    logger.LogInformation("Ledger digest {Id} sealed up to sequence {Sequence} over {Streams} streams",
                        sealedDigest.Id, sealedDigest.CoveredSequence, sealedDigest.StreamCount);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Sealing a ledger digest failed; retrying at the next interval");
            }
        }
    }
}
