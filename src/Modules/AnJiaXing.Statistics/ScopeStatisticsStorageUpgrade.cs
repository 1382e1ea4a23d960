using Npgsql;

namespace AnJiaXing.Statistics;

/// <summary>
/// Databases of the version before ADR 0018's redesign (2026-12-01, session 4) stored <see cref="ScopeStatistics"/> as
/// a multi-stream aggregate with numeric revisions (<c>mt_version bigint</c>); it is now a plain document folded from
/// per-hazard tallies, which did not exist then. Marten cannot cast the column, and the new fold must start from the
/// first event anyway: the old table and the projection's progress go, Marten creates the new table, and the daemon
/// rebuilds the figures from the events (what ADR 0018 asked to do by hand with <c>projections rebuild</c>).
/// </summary>
internal sealed class ScopeStatisticsStorageUpgrade : IStoreUpgrade
{
    public string Name => "ScopeStatistics: numeric revisions to tallies (ADR 0018)";

    public async Task<bool> ApplyAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using (var probe = new NpgsqlCommand("""
            select data_type from information_schema.columns
             where table_schema = $1 and table_name = 'mt_doc_scopestatistics' and column_name = 'mt_version'
            """, connection) { Parameters = { new() { Value = MartenSetup.Schema } } })
            if (await probe.ExecuteScalarAsync(ct) as string != "bigint") return false;

        await using var transaction = await connection.BeginTransactionAsync(ct);
        // The projection's whole state goes, as in a rebuild's teardown: the old table, any tallies, its progress.
        await using (var drop = new NpgsqlCommand($"""
            drop table {MartenSetup.Schema}.mt_doc_scopestatistics;
            drop table if exists {MartenSetup.Schema}.mt_doc_hazardtally, {MartenSetup.Schema}.mt_doc_inspectiontally,
                {MartenSetup.Schema}.mt_doc_plantally;
            delete from {MartenSetup.Schema}.mt_event_progression where name like '{ScopeStatisticsProjection.ProjectionTitle}:%';
            """, connection, transaction))
            await drop.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
