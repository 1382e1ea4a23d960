using Alba;
using Marten;
using Marten.Events;

namespace AnJiaXing.IntegrationTests.Infrastructure;

/// <summary>
/// A database written by the version before ADR 0018's redesign still starts (found by running the README's command on
/// a morning's database): its <c>mt_doc_scopestatistics</c> carried numeric revisions, which Marten's migration cannot
/// cast to the new column, and its statistics were folded differently. The store upgrade removes them and the daemon
/// rebuilds the same figures from the events.
/// </summary>
public class when_the_service_starts_on_a_database_of_an_earlier_version(AppFixture app) : IClassFixture<AppFixture>
{
    private Task<string?> ScalarAsync(string sql) => app.ScalarAsync(sql);

    private async Task<string> DistrictFiguresAsync()
    {
        await app.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        return (await app.As("district.admin", s => s.Get.Url("/api/stats/hazards"))).Json().GetProperty("figures").GetProperty("byStatus").GetRawText();
    }

    [Fact]
    public async Task the_old_statistics_table_is_replaced_and_the_figures_are_rebuilt_from_the_events()
    {
        var before = await DistrictFiguresAsync();
        Assert.Contains("Reported", before);

        await app.RestartAsync(async () =>
        {
            // The shape the earlier version left: numeric revisions, a document of its own fold, its progress at the end,
            // and no tallies (they came with the redesign).
            await ScalarAsync("""
                drop table anjiaxing.mt_doc_scopestatistics, anjiaxing.mt_doc_hazardtally, anjiaxing.mt_doc_inspectiontally,
                    anjiaxing.mt_doc_plantally;
                create table anjiaxing.mt_doc_scopestatistics (id varchar not null primary key, data jsonb not null,
                    mt_last_modified timestamptz null default transaction_timestamp(), mt_version bigint not null default 0,
                    mt_dotnet_type varchar null);
                insert into anjiaxing.mt_doc_scopestatistics (id, data, mt_version) values ('district', '{"old": true}', 7);
                update anjiaxing.mt_event_progression set last_seq_id = (select max(seq_id) from anjiaxing.mt_events)
                 where name like 'ScopeStatistics:%';
                """);
            Assert.Equal("bigint", await ScalarAsync(
                "select data_type from information_schema.columns where table_name = 'mt_doc_scopestatistics' and column_name = 'mt_version'"));
        });

        Assert.Equal("uuid", await ScalarAsync(
            "select data_type from information_schema.columns where table_name = 'mt_doc_scopestatistics' and column_name = 'mt_version'"));
        // The daemon rebuilds from the first event; its progress row was removed, so wait for the figures themselves.
        var after = await DistrictFiguresAsync();
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); after != before && clock.Elapsed < TimeSpan.FromSeconds(60); after = await DistrictFiguresAsync())
            await Task.Delay(250);
        Assert.Equal(before, after);
        Assert.Equal("0", await ScalarAsync("select count(*) from anjiaxing.mt_doc_scopestatistics where data ? 'old'"));
    }

    [Fact]
    public async Task the_per_enterprise_hazard_ledger_is_dropped_and_the_file_counts_the_hazard_lines()
    {
        await app.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var enterprise = await ScalarAsync("select data ->> 'enterpriseId' from anjiaxing.mt_doc_hazardledgerline limit 1");
        Assert.NotNull(enterprise);
        var lines = await ScalarAsync($"select count(*) from anjiaxing.mt_doc_hazardledgerline where data ->> 'enterpriseId' = '{enterprise}'");
        Assert.NotEqual("0", lines);

        await app.RestartAsync(() => ScalarAsync("""
            create table anjiaxing.mt_doc_enterprisehazardledger (id uuid not null primary key, data jsonb not null,
                mt_last_modified timestamptz null default transaction_timestamp(), mt_dotnet_type varchar null);
            insert into anjiaxing.mt_doc_enterprisehazardledger (id, data) values (gen_random_uuid(), '{"hazards": {}}');
            insert into anjiaxing.mt_event_progression (name, last_seq_id) values ('EnterpriseHazardLedger:All', 1);
            """));

        Assert.Equal("0", await ScalarAsync("select count(*) from pg_tables where schemaname = 'anjiaxing' and tablename = 'mt_doc_enterprisehazardledger'"));
        Assert.Equal("0", await ScalarAsync("select count(*) from anjiaxing.mt_event_progression where name like 'EnterpriseHazardLedger:%'"));
        var file = (await app.As("district.admin", s => s.Get.Url($"/api/enterprises/{enterprise}/file"))).Json();
        Assert.Equal(int.Parse(lines!), file.GetProperty("hazards").GetProperty("total").GetInt32());
    }
}
