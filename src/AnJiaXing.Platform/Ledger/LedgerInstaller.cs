using Marten;
using Npgsql;

namespace AnJiaXing.Platform.Ledger;

/// <summary>
/// Before anything is appended, install the ledger tables and the chaining trigger (idempotent DDL). Runs after
/// Marten has applied the store's schema at start-up (ApplyAllDatabaseChangesOnStartup, registered earlier) and
/// ahead of every hosted service that writes.
/// </summary>
public sealed class LedgerInstaller(IDocumentStore store, ILogger<LedgerInstaller> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(LedgerSchema.Ddl, connection);
        await command.ExecuteNonQueryAsync(ct);
        logger.LogInformation("Ledger chaining installed");
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
