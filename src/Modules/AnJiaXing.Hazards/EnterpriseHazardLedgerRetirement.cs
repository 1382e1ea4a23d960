using Npgsql;

namespace AnJiaXing.Hazards;

/// <summary>
/// Databases from before the ledger's lines became documents of their own (ADR 0012, amended 2026-12-01) hold the
/// per-enterprise <c>EnterpriseHazardLedger</c> table and its projection's progress. Nothing reads them any more, and
/// the daemon builds <c>HazardLedgerLine</c> from the first event under its own name, so they are dropped rather than
/// left to go stale beside the new lines.
/// </summary>
internal sealed class EnterpriseHazardLedgerRetirement : IStoreUpgrade
{
    public string Name => "EnterpriseHazardLedger: one document per enterprise to one line per hazard (ADR 0012)";

    public async Task<bool> ApplyAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using (var probe = new NpgsqlCommand("select to_regclass($1) is not null", connection)
                     { Parameters = { new() { Value = $"{MartenSetup.Schema}.mt_doc_enterprisehazardledger" } } })
            if (await probe.ExecuteScalarAsync(ct) is not true) return false;

        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var drop = new NpgsqlCommand($"""
            drop table {MartenSetup.Schema}.mt_doc_enterprisehazardledger;
            delete from {MartenSetup.Schema}.mt_event_progression where name like 'EnterpriseHazardLedger:%';
            """, connection, transaction))
            await drop.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
