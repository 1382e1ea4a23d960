using Marten;
using Marten.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AnJiaXing.Platform.Health;

/// <summary>Ready means the event store's databases answer.</summary>
public sealed class DatabaseHealthCheck(IDocumentStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        EveryDatabase.CheckAsync(store, "PostgreSQL answers.", "PostgreSQL does not answer", async (database, token) =>
        {
            await using var connection = database.CreateConnection();
            await connection.OpenAsync(token);
            await using var command = connection.CreateCommand();
            command.CommandText = "select 1";
            await command.ExecuteScalarAsync(token);
            return true;
        }, ct);
}

/// <summary>
/// A readiness check run on every database of the store (ADR 0030). The district's database failing makes the node
/// unready (accounts, the registry and every district read are there); a town's failing only degrades it — the node
/// still serves the other towns and the district, so taking it out of the balancer would fail them too — and the
/// description names the towns concerned.
/// </summary>
public static class EveryDatabase
{
    public static async Task<HealthCheckResult> CheckAsync(IDocumentStore store, string healthy, string failing,
        Func<IMartenDatabase, CancellationToken, Task<bool>> check, CancellationToken ct)
    {
        IReadOnlyList<IMartenDatabase> databases;
        try
        {
            databases = await Tenancy.TownDatabases.AllAsync(store);
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"{failing}: the databases could not be listed.", e);
        }
        var failed = new List<string>();
        Exception? first = null;
        var districtFailed = false;
        foreach (var database in databases)
        {
            bool ok;
            try
            {
                ok = await check(database, ct);
            }
            catch (Exception e)
            {
                first ??= e;
                ok = false;
            }
            if (ok) continue;
            failed.Add(Tenancy.TownDatabases.NameOf(database));
            districtFailed |= Tenancy.TownDatabases.IsDistrict(database);
        }
        if (failed.Count == 0) return HealthCheckResult.Healthy(databases.Count == 1 ? healthy : $"{healthy} ({databases.Count} databases)");
        var description = databases.Count == 1 ? $"{failing}." : $"{failing}: {string.Join(", ", failed)}.";
        return districtFailed
            ? HealthCheckResult.Unhealthy(description, first)
            : HealthCheckResult.Degraded(description, first);
    }
}
