using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marten;
using Npgsql;

namespace AnJiaXing.Platform.Ledger;

/// <summary>One database's latest signed head as a district head names it: the district's own, or a town's.</summary>
public sealed record NamedHead(string Database, long HeadId, long CoveredSequence, long EventCount, string LogRoot, string Signature)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public string Line => $"{Database} {HeadId} {CoveredSequence} {EventCount} {LogRoot} {Signature}";

    /// <summary>The RFC 9162 leaf of the head (0x00 prefix, as every leaf of the ledger's trees).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public byte[] Leaf => SHA256.HashData([0x00, .. Encoding.UTF8.GetBytes(Line)]);
}

/// <summary>
/// A district head (区级账本头, ADR 0030): the Merkle root over the latest signed head of every database — the
/// district's and each town's — signed with the district's key. A town's chain is then verified with its own database
/// and this head: its head's signature, and its place under a root the district signed. Kept append-only in the district
/// database (<c>ledger_district_heads</c>).
/// </summary>
public sealed record DistrictHead(long Id, DateTimeOffset CreatedAt, IReadOnlyList<NamedHead> Heads, string Root, string KeyId, string PublicKey, string Signature)
{
    public string SignedPayload => Payload(CreatedAt, Root, Heads);

    public static string Payload(DateTimeOffset createdAt, string root, IReadOnlyList<NamedHead> heads) =>
        $"anjiaxing-district-head-v1\n{createdAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.ffffffZ}\n{root}\n{string.Join("\n", heads.Select(h => h.Line))}";

    public static string RootOf(IReadOnlyList<NamedHead> heads) => MerkleLog.Hex(MerkleLog.Root([.. heads.Select(h => h.Leaf)]));

    /// <summary>The root recomputed from the heads and the signature checked against a key the verifier trusts.</summary>
    public bool Verifies(string trustedPublicKey) =>
        RootOf(Heads) == Root && LedgerSigningKey.Verify(trustedPublicKey, SignedPayload, Signature);
}

public sealed class DistrictHeads(IDocumentStore store, LedgerDigests digests, LedgerSigningKey key, TimeProvider clock)
{
    private const string S = MartenSetup.Schema;

    public async Task<DistrictHead?> LatestAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await LatestAsync(connection, null, ct);
    }

    private static async Task<DistrictHead?> LatestAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select id, created_at, heads::text, root, key_id, public_key, signature from {S}.ledger_district_heads order by id desc limit 1", connection, tx);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new DistrictHead(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1),
            JsonSerializer.Deserialize<List<NamedHead>>(reader.GetString(2), JsonSerializerOptions.Web)!,
            reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6));
    }

    /// <summary>Seals a district head when any database has sealed a head since the last one (or always, when <paramref name="force"/>).</summary>
    public async Task<DistrictHead?> SealAsync(bool force, CancellationToken ct)
    {
        var heads = new List<NamedHead>();
        foreach (var database in await Tenancy.TownDatabases.AllAsync(store))
            if (await digests.LatestAsync(ct, database) is { LogRoot: { } logRoot } head)
                heads.Add(new NamedHead(Tenancy.TownDatabases.NameOf(database), head.Id, head.CoveredSequence, head.EventCount, logRoot, head.Signature));
        if (heads.Count == 0) return null;

        await using var connection = await OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // One sealer at a time, so no two district heads name the same set twice.
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_xact_lock(7130014)", connection, tx))
            await lockCommand.ExecuteNonQueryAsync(ct);
        var previous = await LatestAsync(connection, tx, ct);
        if (!force && previous is not null && previous.Heads.SequenceEqual(heads)) return null;

        var root = DistrictHead.RootOf(heads);
        var now = clock.GetUtcNow();
        var createdAt = new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero);
        var signature = key.Sign(DistrictHead.Payload(createdAt, root, heads));
        await using var insert = new NpgsqlCommand($"""
            insert into {S}.ledger_district_heads (created_at, heads, root, key_id, public_key, signature)
            values ($1, $2::jsonb, $3, $4, $5, $6) returning id
            """, connection, tx);
        insert.Parameters.AddWithValue(createdAt);
        insert.Parameters.AddWithValue(JsonSerializer.Serialize(heads, JsonSerializerOptions.Web));
        insert.Parameters.AddWithValue(root);
        insert.Parameters.AddWithValue(key.KeyId);
        insert.Parameters.AddWithValue(key.PublicKey);
        insert.Parameters.AddWithValue(signature);
        var id = (long)(await insert.ExecuteScalarAsync(ct))!;
        await tx.CommitAsync(ct);
        return new DistrictHead(id, createdAt, heads, root, key.KeyId, key.PublicKey, signature);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }
}
