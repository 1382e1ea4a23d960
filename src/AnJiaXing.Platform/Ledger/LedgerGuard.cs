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

    // Per database: with town databases (ADR 0030) each has its own trigger.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IMartenDatabase, (long CheckedAt, bool Installed)> _checks =
        new(ReferenceEqualityComparer.Instance);

    public async Task RequireChainAsync(IMartenDatabase database, CancellationToken ct)
    {
        if (!_checks.TryGetValue(database, out var check) || Environment.TickCount64 - check.CheckedAt >= RecheckAfterMs)
            _checks[database] = check = (Environment.TickCount64, await IsInstalledAsync(database, ct));
        if (!check.Installed)
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

/// <summary>Ready means the ledger's chain trigger is installed and enabled in every database (besides their answering).</summary>
public sealed class LedgerHealthCheck(IDocumentStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Health.EveryDatabase.CheckAsync(store, "The ledger's chain trigger is installed.",
            "The ledger's chain trigger is missing or disabled (appends are refused) or could not be checked",
            LedgerGuard.IsInstalledAsync, ct);
}
