using Alba;
using AnJiaXing.IntegrationTests.Hazards;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;
using Npgsql;

namespace AnJiaXing.IntegrationTests.Ledger;

/// <summary>
/// The chain by design (ADR 0013): Marten's tombstones are not chained and do not break verification; appends are
/// refused while the chain trigger is off, and readiness says so; a stream with a gap answers 503, never 500.
/// </summary>
public class when_the_chain_is_threatened(HazardFixture app) : IClassFixture<HazardFixture>
{
    private async Task<long> ScalarAsync(string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var v in values) command.Parameters.AddWithValue(v);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task tombstones_are_not_chained_and_the_ledger_still_verifies()
    {
        await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));

        // What Marten writes after a failed append to fill the sequence numbers it drew: a 'tombstone' event on its own
        // stream, at any version. The trigger used to refuse it ("no hash for version …") and Marten to retry, endlessly.
        var tombstones = Guid.NewGuid();
        await app.ExecuteAsync("""
            insert into anjiaxing.mt_streams (id, type, version, timestamp, created, tenant_id, is_archived)
                values ($1, 'mt_tombstone', 7, now(), now(), '*DEFAULT*', false)
            """, tombstones);
        await app.ExecuteAsync("""
            insert into anjiaxing.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived)
                select nextval('anjiaxing.mt_events_sequence'), gen_random_uuid(), $1, v, '{}', 'tombstone', now(), '*DEFAULT*',
                       'Marten.Events.Operations.Tombstone', false
                from generate_series(6, 7) v;
            """, tombstones);

        Assert.Equal(2, await ScalarAsync("select count(*) from anjiaxing.mt_events where type = 'tombstone'"));
        Assert.Equal(0, await ScalarAsync("select count(*) from anjiaxing.ledger_entries where event_type = 'tombstone'"));
        var verified = await app.As("auditor", s => s.Get.Url("/api/ledger/verify"));
        Assert.True(verified.Json().GetProperty("ok").GetBoolean(), verified.ReadAsText());
    }

    [Fact]
    public async Task appends_are_refused_while_the_chain_trigger_is_off()
    {
        // The guard's answer is cached for 5 s, so an append the host makes by itself in that window (an overdue
        // escalation at start) would go unchained and break the class's other tests: start from a quiet host.
        await app.SettleAsync();
        await app.ExecuteAsync("alter table anjiaxing.mt_events disable trigger ledger_chain");
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5.5)); // the guard's cached answer expires
            var before = await ScalarAsync("select count(*) from anjiaxing.mt_events");
            var refused = await app.As("ent.a1", s =>
            {
                s.Post.Json(HazardSteps.GeneralReport(app.NanxiangChemicals)).ToUrl("/api/hazards");
                s.StatusCodeShouldBe(503);
            });
            Assert.Contains("账本", refused.Json().GetProperty("detail").GetString());
            Assert.Equal(before, await ScalarAsync("select count(*) from anjiaxing.mt_events"));
            await app.Host.Scenario(s => { s.Get.Url("/health/ready"); s.StatusCodeShouldBe(503); });
        }
        finally
        {
            await app.ExecuteAsync("alter table anjiaxing.mt_events enable trigger ledger_chain");
        }

        await Task.Delay(TimeSpan.FromSeconds(5.5));
        await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        await app.Host.Scenario(s => { s.Get.Url("/health/ready"); s.StatusCodeShouldBe(200); });
    }

    [Fact]
    public async Task a_stream_with_a_gap_in_its_chain_answers_503_and_changes_nothing()
    {
        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        // As if version 1 had been appended while the trigger was off: it has no ledger entry (put back afterwards, so
        // the class's other tests verify an intact ledger).
        await app.ExecuteAsync("create table anjiaxing.gap_backup as select * from anjiaxing.ledger_entries where stream_id = $1", id);
        await app.ExecuteAsync("delete from anjiaxing.ledger_entries where stream_id = $1 and version = 1", id);
        try
        {
            var refused = await app.As("ent.a1", s =>
            {
                s.Post.Json(new { description = "已整改", evidenceIds = Array.Empty<Guid>() }).ToUrl($"/api/hazards/{id}/rectification");
                s.StatusCodeShouldBe(503);
            });
            Assert.Contains("账本", refused.Json().GetProperty("title").GetString());
            Assert.Equal(1, await app.EventCount(id));
        }
        finally
        {
            await app.ExecuteAsync("insert into anjiaxing.ledger_entries select * from anjiaxing.gap_backup");
            await app.ExecuteAsync("drop table anjiaxing.gap_backup");
        }
    }
}
