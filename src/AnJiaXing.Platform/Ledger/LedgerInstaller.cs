using System.Security.Cryptography;
using System.Text;
using Marten;
using Npgsql;

namespace AnJiaXing.Platform.Ledger;

/// <summary>
/// Before anything is appended, install the ledger tables and the chaining trigger (idempotent DDL). Runs after
/// Marten has applied the store's schema at start-up (ApplyAllDatabaseChangesOnStartup, registered earlier) and
/// ahead of every hosted service that writes.
/// </summary>
/// <remarks>
/// The DDL re-creates the trigger on <c>mt_events</c>, which takes that table's exclusive lock, so it runs only when
/// it has to: a stamp of the DDL's hash is written in the same transaction, and a start that finds its own hash
/// stamped and both triggers enabled (a table re-created by Marten, or a trigger disabled by hand, would fail that)
/// does nothing.
/// </remarks>
public sealed class LedgerInstaller(IDocumentStore store, ILogger<LedgerInstaller> logger) : IHostedService
{
    internal static readonly string DdlHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(LedgerSchema.Ddl)));

    public async Task StartAsync(CancellationToken ct)
    {
        await using var turn = await AdvisoryLock.StartupTurnAsync(store, "ledger-schema", ct);
        // Every database holds a chain of its own: the district's, and each town's when towns have theirs (ADR 0030).
        foreach (var database in await Tenancy.TownDatabases.AllAsync(store)) await InstallAsync(database, ct);
    }

    private async Task InstallAsync(Marten.Storage.IMartenDatabase database, CancellationToken ct)
    {
        var name = Tenancy.TownDatabases.NameOf(database);
        await using var connection = (NpgsqlConnection)database.CreateConnection();
        await connection.OpenAsync(ct);
        // The stamp's table first (no lock on anything the service uses), so the probe below always parses.
        await using (var table = new NpgsqlCommand(
            $"create table if not exists {LedgerSchema.S}.ledger_schema (hash text primary key, installed_at timestamptz not null default now())",
            connection))
            await table.ExecuteNonQueryAsync(ct);
        await using (var probe = new NpgsqlCommand($"""
            select exists (select 1 from {LedgerSchema.S}.ledger_schema where hash = @hash)
               and (select count(*) from pg_trigger where tgenabled <> 'D' and (
                       (tgname = 'ledger_chain' and tgrelid = to_regclass('{LedgerSchema.S}.mt_events'))
                    or (tgname = 'ledger_digests_append_only' and tgrelid = to_regclass('{LedgerSchema.S}.ledger_digests')))) = 2
            """, connection))
        {
            probe.Parameters.AddWithValue("hash", DdlHash);
            if (await probe.ExecuteScalarAsync(ct) is true)
            {
                logger.LogInformation("Ledger chaining already installed in {Database}", name);
                return;
            }
        }

        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var command = new NpgsqlCommand(LedgerSchema.Ddl, connection, transaction))
            await command.ExecuteNonQueryAsync(ct);
        await using (var stamp = new NpgsqlCommand($"""
            delete from {LedgerSchema.S}.ledger_schema;
            insert into {LedgerSchema.S}.ledger_schema (hash) values (@hash);
            """, connection, transaction))
        {
            stamp.Parameters.AddWithValue("hash", DdlHash);
            await stamp.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        logger.LogInformation("Ledger chaining installed in {Database}", name);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
