using Marten;
using Marten.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AnJiaXing.Platform.Ledger;

/// <summary>
/// Appends are refused while the ledger's chain trigger is missing or disabled: an event appended then would enter the
/// store unchained. Every save with events asks; the answer is cached for a few seconds, so it costs one catalogue
/// query per node every few seconds, not one per command. The same check serves <c>/health/ready</c>.
/// </summary>
public sealed class LedgerGuard
{
    private static readonly long RecheckAfterMs = 5_000;
    private long _checkedAt = -RecheckAfterMs - 1;
    private bool _installed = true;

    public async Task RequireChainAsync(IMartenDatabase database, CancellationToken ct)
    {
        if (Environment.TickCount64 - Volatile.Read(ref _checkedAt) >= RecheckAfterMs)
        {
            _installed = await IsInstalledAsync(database, ct);
            Volatile.Write(ref _checkedAt, Environment.TickCount64);
        }
        if (!_installed)
            throw ApiProblemException.ServiceUnavailable(
                ProblemLanguage.Say("账本哈希链触发器缺失或已停用，暂停写入以免事件未入链；请联系管理员。",
                    "The ledger's chain trigger is missing or disabled; appends are refused until it is back."),
                TimeSpan.FromSeconds(30));
    }

    public static async Task<bool> IsInstalledAsync(IMartenDatabase database, CancellationToken ct)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            select exists (select 1 from pg_trigger
                           where tgname = 'ledger_chain' and tgrelid = '{MartenSetup.Schema}.mt_events'::regclass and tgenabled <> 'D')
            """;
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }
}

/// <summary>Ready means the ledger's chain trigger is installed and enabled (besides the database answering).</summary>
public sealed class LedgerHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            return await LedgerGuard.IsInstalledAsync(store.Storage.Database, ct)
                ? HealthCheckResult.Healthy("The ledger's chain trigger is installed.")
                : HealthCheckResult.Unhealthy("The ledger's chain trigger is missing or disabled: appends are refused.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The ledger could not be checked.", e);
        }
    }
}
