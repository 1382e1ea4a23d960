using Marten;
using Npgsql;

namespace AnJiaXing.Api.Ledger;

/// <summary>
/// Before anything is appended: make sure the event store's tables exist, then install the ledger tables and the
/// chaining trigger (idempotent DDL). Registered ahead of every hosted service that writes.
/// </summary>
public sealed class LedgerInstaller(IDocumentStore store, ILogger<LedgerInstaller> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(LedgerSchema.Ddl, connection);
        await command.ExecuteNonQueryAsync(ct);
        logger.LogInformation("Ledger chaining installed");
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
