using Marten;
using Npgsql;

namespace AnJiaXing.Platform.Persistence;

/// <summary>
/// A change to a stored read model that Marten's schema migration cannot make by itself, e.g. a document that used to
/// carry numeric revisions (<c>mt_version bigint</c>) and now carries Marten's default (<c>uuid</c>): the migration's
/// <c>alter column … type uuid</c> fails and the service would not start on a database of the earlier version. An
/// upgrade detects the old shape and removes what can be rebuilt from the events (the table, its projection's
/// progress); Marten then creates the new shape and the daemon rebuilds it. Each must be idempotent: it runs at every
/// start, before Marten applies the schema.
/// </summary>
public interface IStoreUpgrade
{
    string Name { get; }

    /// <summary>True when it changed something.</summary>
    Task<bool> ApplyAsync(NpgsqlConnection connection, CancellationToken ct);
}

/// <summary>Runs the modules' <see cref="IStoreUpgrade"/>s ahead of Marten's schema migration, one node at a time.</summary>
internal sealed class StoreUpgrader(IDocumentStore store, IEnumerable<IStoreUpgrade> upgrades, ILogger<StoreUpgrader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var all = upgrades.ToList();
        if (all.Count == 0) return;
        // Nodes started together take turns, like every other start-up step. The store exists before its schema is
        // applied; its connections come from Marten's own data source, not the process's shared pool.
        await using var turn = await AdvisoryLock.StartupTurnAsync(store, "store-upgrades", ct);
        foreach (var database in await Tenancy.TownDatabases.AllAsync(store)) await UpgradeAsync(database, all, ct);
    }

    private async Task UpgradeAsync(Marten.Storage.IMartenDatabase database, IReadOnlyList<IStoreUpgrade> all, CancellationToken ct)
    {
        await using var connection = (NpgsqlConnection)database.CreateConnection();
        await connection.OpenAsync(ct);
        var applied = false;
        foreach (var upgrade in all)
            if (await upgrade.ApplyAsync(connection, ct))
            {
                applied = true;
                logger.LogWarning("Store upgrade {Upgrade} applied in {Database}: its read model is rebuilt from the events",
                    upgrade.Name, Tenancy.TownDatabases.NameOf(database));
            }
        if (!applied) return;
        // What an upgrade removed Marten must create again: forget the schema's stamp so it compares with the catalogue.
        await using var forget = new NpgsqlCommand(
            "do $$ begin if to_regclass('public.weasel_schema_fingerprints') is not null then delete from public.weasel_schema_fingerprints; end if; end $$",
            connection);
        await forget.ExecuteNonQueryAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
