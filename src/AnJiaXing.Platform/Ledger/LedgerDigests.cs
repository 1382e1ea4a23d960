using Marten;
using Marten.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AnJiaXing.Platform.Ledger;

/// <summary>
/// Seals signed tree heads: the RFC 9162 Merkle root over every ledger entry up to a global sequence (in ledger
/// order), the root over the latest hash of every stream, and a consistency proof from the previous head; signed with
/// the service's key, stored append-only and appended to the export outside the database. Events younger than the
/// settle time wait for the next head, so a transaction that took a sequence number but has not committed yet is not
/// left out of a sealed range.
/// </summary>
public sealed class LedgerDigests(
    IDocumentStore store, LedgerSigningKey key, LedgerExport export, LedgerWitness witness, IOptions<LedgerOptions> options, TimeProvider clock, ILogger<LedgerDigests> logger)
{
    private const string S = MartenSetup.Schema;

    public async Task<StoredDigest?> LatestAsync(CancellationToken ct, IMartenDatabase? database = null)
    {
        await using var connection = await OpenAsync(database, ct);
        return (await StoredDigest.LoadAsync(connection, S, "order by id desc limit 1", null, ct)).FirstOrDefault();
    }

    /// <summary>
    /// Seals a head when events arrived since the last one (or always, when <paramref name="force"/>), over the chain of
    /// <paramref name="database"/>: the district's by default, or a town's own (ADR 0030).
    /// </summary>
    public async Task<StoredDigest?> SealAsync(bool force, CancellationToken ct, IMartenDatabase? database = null)
    {
        StoredDigest sealedHead;
        var town = database is null ? null : Tenancy.TownDatabases.TownOf(database);
        await using (var connection = await OpenAsync(database, ct))
        {
            await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);
            // One sealer at a time (nodes, the timer and POST /api/ledger/digest), so every head extends the one before
            // (read committed: after the lock, the previous sealer's head is visible).
            await using (var lockCommand = new NpgsqlCommand("select pg_advisory_xact_lock(7130013)", connection))
                await lockCommand.ExecuteNonQueryAsync(ct);
            var latest = (await StoredDigest.LoadAsync(connection, S, "order by id desc limit 1", null, ct)).FirstOrDefault();
            var previousHead = (await StoredDigest.LoadAsync(connection, S, "where log_root is not null order by id desc limit 1", null, ct)).FirstOrDefault();

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
            // A head never shrinks the log: an entry committed below the previous head's sequence cannot be added to it.
            covered = Math.Max(covered, previousHead?.CoveredSequence ?? 0);

            var leaves = new List<byte[]>();
            var streamHeads = new Dictionary<Guid, MerkleTree.Leaf>();
            await using (var entries = new NpgsqlCommand(
                $"select stream_id, version, hash from {S}.ledger_entries where seq_id <= $1 order by seq_id", connection))
            {
                entries.Parameters.AddWithValue(covered);
                await using var reader = await entries.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var (stream, version, hash) = (reader.GetGuid(0), reader.GetInt64(1), reader.GetString(2));
                    leaves.Add(MerkleLog.LeafHash(stream, version, hash));
                    if (!streamHeads.TryGetValue(stream, out var head) || head.Version < version) streamHeads[stream] = new MerkleTree.Leaf(stream, version, hash);
                }
            }

            var root = MerkleTree.Root(streamHeads.Values);
            var logRoot = MerkleLog.Hex(MerkleLog.Root(leaves));
            var proof = previousHead is null || previousHead.EventCount > leaves.Count
                ? ""
                : string.Join(',', MerkleLog.ConsistencyProof((int)previousHead.EventCount, leaves).Select(MerkleLog.Hex));
            // Stored with microsecond precision, so the signed text is exactly what a verifier rebuilds.
            var now = clock.GetUtcNow();
            var createdAt = new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero);
            var signature = key.Sign(StoredDigest.HeadPayload(covered, streamHeads.Count, leaves.Count, root, logRoot, createdAt));
            await using var insert = new NpgsqlCommand($"""
                insert into {S}.ledger_digests (covered_sequence, stream_count, event_count, root, created_at, key_id, public_key, signature, log_root, consistency_proof)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id
                """, connection);
            insert.Parameters.AddWithValue(covered);
            insert.Parameters.AddWithValue((long)streamHeads.Count);
            insert.Parameters.AddWithValue((long)leaves.Count);
            insert.Parameters.AddWithValue(root);
            insert.Parameters.AddWithValue(createdAt);
            insert.Parameters.AddWithValue(key.KeyId);
            insert.Parameters.AddWithValue(key.PublicKey);
            insert.Parameters.AddWithValue(signature);
            insert.Parameters.AddWithValue(logRoot);
            insert.Parameters.AddWithValue(proof);
            var id = (long)(await insert.ExecuteScalarAsync(ct))!;
            await tx.CommitAsync(ct);
            sealedHead = new StoredDigest(id, covered, streamHeads.Count, leaves.Count, root, createdAt, key.KeyId, key.PublicKey, signature, logRoot, proof);
        }

        try
        {
            await export.AppendAsync(sealedHead, ct, town);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError(e, "Exporting ledger head {Id} failed; it is sealed in the database only", sealedHead.Id);
        }
        // The witness countersigns the district's heads; a town's are bound by the district head that names them.
        if (town is null) await witness.SendAsync(sealedHead, ct);
        return sealedHead;
    }

    private async Task<NpgsqlConnection> OpenAsync(IMartenDatabase? database, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)(database ?? store.Storage.Database).CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }
}

/// <summary>Seals a head every <see cref="LedgerOptions.DigestInterval"/> when anything changed, on one node of the cluster.</summary>
public sealed class LedgerDigestService(LedgerDigests digests, DistrictHeads districtHeads, Tenancy.TownDatabases towns, IDocumentStore store,
    IOptions<LedgerOptions> options, ILogger<LedgerDigestService> logger) : Nodes.SingleNodeWork
{
    public override string Name => "ledger-digests";

    public override async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DigestInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // Each database's chain gets its own heads: the district's, and each town's when towns have theirs.
            foreach (var database in await Tenancy.TownDatabases.AllAsync(store))
                try
                {
                    if (await digests.SealAsync(force: false, stoppingToken, database) is { } sealedDigest)
                        logger.LogInformation("Ledger head {Id} of {Database} sealed up to sequence {Sequence} over {Events} entries",
                            sealedDigest.Id, Tenancy.TownDatabases.NameOf(database), sealedDigest.CoveredSequence, sealedDigest.EventCount);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Sealing a ledger head of {Database} failed; retrying at the next interval", Tenancy.TownDatabases.NameOf(database));
                }
            if (!towns.Several) continue;
            try
            {
                if (await districtHeads.SealAsync(force: false, stoppingToken) is { } head)
                    logger.LogInformation("District head {Id} sealed over {Heads} databases' heads", head.Id, head.Heads.Count);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Sealing a district head failed; retrying at the next interval");
            }
        }
    }
}
