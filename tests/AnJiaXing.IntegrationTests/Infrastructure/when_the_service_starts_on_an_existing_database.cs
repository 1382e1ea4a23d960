using Alba;

namespace AnJiaXing.IntegrationTests.Infrastructure;

/// <summary>
/// A warm start does not redo the schema work of the first (issue 12): Marten's schema is stamped with its
/// fingerprint and the ledger's DDL with its hash, so a restart on an unchanged database neither compares every
/// table with the catalogue nor re-creates the chain trigger — but a trigger disabled meanwhile is installed again.
/// </summary>
public class when_the_service_starts_on_an_existing_database(AppFixture app) : IClassFixture<AppFixture>
{
    private Task<string?> ScalarAsync(string sql) => app.ScalarAsync(sql);

    private const string ChainTrigger =
        "select oid::text || ':' || tgenabled::text from pg_trigger where tgname = 'ledger_chain' and tgrelid = 'anjiaxing.mt_events'::regclass";

    [Fact]
    public async Task a_restart_keeps_the_stamped_schema_and_trigger_and_reinstalls_a_disabled_trigger()
    {
        Assert.Equal("1", await ScalarAsync("select count(*) from public.weasel_schema_fingerprints"));
        Assert.Equal("1", await ScalarAsync("select count(*) from anjiaxing.ledger_schema"));
        var trigger = await ScalarAsync(ChainTrigger);
        Assert.EndsWith(":O", trigger);

        await app.RestartAsync();

        // The same trigger row (the DDL would have dropped and created it: a new oid), the same single stamps.
        Assert.Equal(trigger, await ScalarAsync(ChainTrigger));
        Assert.Equal("1", await ScalarAsync("select count(*) from public.weasel_schema_fingerprints"));
        Assert.Equal("1", await ScalarAsync("select count(*) from anjiaxing.ledger_schema"));

        await ScalarAsync("alter table anjiaxing.mt_events disable trigger ledger_chain");
        Assert.EndsWith(":D", await ScalarAsync(ChainTrigger));

        await app.RestartAsync();

        var reinstalled = await ScalarAsync(ChainTrigger);
        Assert.EndsWith(":O", reinstalled);
        Assert.NotEqual(trigger, reinstalled);
        await app.Host.Scenario(s => { s.Get.Url("/health/ready"); s.StatusCodeShouldBe(200); });
    }
}
