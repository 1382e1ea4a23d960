using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Hazards;
using AnJiaXing.IntegrationTests.Infrastructure;

namespace AnJiaXing.IntegrationTests.Ledger;

/// <summary>An honest ledger, digests over it, personal signatures, and the command-line verb.</summary>
public class when_verifying_the_ledger(HazardFixture app) : IClassFixture<HazardFixture>
{
    private async Task<JsonElement> Verify(string query = "") =>
        (await app.As("auditor", s => s.Get.Url($"/api/ledger/verify{query}"))).Json();

    [Fact]
    public async Task the_whole_honest_ledger_verifies_and_an_earlier_digest_stays_valid_while_a_forged_one_does_not()
    {
        var first = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        var sealedDigest = (await app.As("district.admin", s => s.Post.Url("/api/ledger/digest"))).Json();
        var digestId = sealedDigest.GetProperty("id").GetInt64();

        var latest = (await app.As("auditor", s => s.Get.Url("/api/ledger/digest"))).Json();
        Assert.Equal(digestId, latest.GetProperty("id").GetInt64());
        Assert.True(LedgerSigningKey.Verify(latest.GetProperty("publicKey").GetString()!, latest.GetProperty("signedPayload").GetString()!,
            latest.GetProperty("signature").GetString()!));

        // More history after the digest.
        await app.Act("town.nanxiang", first, "assign", app.Assignment("ent.a2"));
        await app.Report("ent.b1", HazardSteps.GeneralReport(app.AntingConstruction));

        var all = await Verify();
        Assert.True(all.GetProperty("ok").GetBoolean(), all.ToString());
        Assert.True(all.GetProperty("eventsChecked").GetInt64() > 10);
        var older = await Verify($"?digestId={digestId}");
        Assert.True(older.GetProperty("ok").GetBoolean(), older.ToString());
        Assert.True(older.GetProperty("digest").GetProperty("rootMatches").GetBoolean());

        // Digests are append-only.
        await Assert.ThrowsAnyAsync<Exception>(() => app.ExecuteAsync("update anjiaxing.ledger_digests set root = 'x' where id = $1", digestId));
    }

    [Fact]
    public async Task the_command_line_verify_agrees_with_the_endpoint()
    {
        await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        var endpoint = await Verify();

        // The trust anchor comes from outside the database: the public half of the service's key file.
        var (exitCode, json, stdout) = await LedgerSql.LedgerCliAsync("verify", "--connection", app.ConnectionString, "--key-file", LedgerSql.SigningKeyFile);
        Assert.Equal(endpoint.GetProperty("ok").GetBoolean(), json.GetProperty("ok").GetBoolean());
        Assert.True(json.GetProperty("ok").GetBoolean(), stdout);
        Assert.Equal(0, exitCode);
        Assert.Equal(endpoint.GetProperty("eventsChecked").GetInt64(), json.GetProperty("eventsChecked").GetInt64());
        Assert.Equal(endpoint.GetProperty("streamsChecked").GetInt64(), json.GetProperty("streamsChecked").GetInt64());
    }

    [Fact]
    public async Task audit_queries_return_exactly_the_actor_s_events_and_are_recorded()
    {
        var id = await app.Report("inspector.nanxiang", HazardSteps.MajorReport(app.NanxiangChemicals));
        await app.Act("dept.emergency", id, "confirm", null);
        var inspector = app.Users["inspector.nanxiang"];

        var page = (await app.As("auditor", s => s.Get.Url($"/api/audit/events?actorId={inspector}&pageSize=500"))).Json();
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal(inspector, i.GetProperty("actor").GetProperty("id").GetGuid()));
        Assert.Contains(items, i => i.GetProperty("streamId").GetGuid() == id && i.GetProperty("type").GetString() == "hazard_reported");
        Assert.Equal("hazard", items.First(i => i.GetProperty("streamId").GetGuid() == id).GetProperty("streamType").GetString());
        var byDomainName = (await app.As("auditor", s => s.Get.Url($"/api/audit/events?actorId={inspector}&streamType=hazard&pageSize=500"))).Json();
        Assert.Contains(byDomainName.GetProperty("items").EnumerateArray(), i => i.GetProperty("streamId").GetGuid() == id);
        Assert.DoesNotContain(items, i => i.GetProperty("type").GetString() == "hazard_confirmed");
        var sequences = items.Select(i => i.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.OrderDescending(), sequences);

        var summary = (await app.As("auditor", s => s.Get.Url($"/api/audit/actors/{inspector}/summary"))).Json();
        var reported = summary.GetProperty("activities").EnumerateArray().Single(a => a.GetProperty("kind").GetString() == "hazardsReported");
        Assert.True(reported.GetProperty("count").GetInt64() >= 1);
        Assert.Contains($"/api/hazards/{id}", reported.GetProperty("links").EnumerateArray().Select(l => l.GetString()));

        var recorded = (await app.As("auditor", s => s.Get.Url("/api/audit/events?eventType=audit_query_recorded&pageSize=500"))).Json();
        Assert.True(recorded.GetProperty("total").GetInt64() >= 2);

        // Others have no audit access beyond their own trail.
        await app.As("town.nanxiang", s => { s.Get.Url($"/api/audit/events?actorId={inspector}"); s.StatusCodeShouldBe(403); });
        await app.As("ent.a1", s => { s.Get.Url("/api/audit/events"); s.StatusCodeShouldBe(403); });
        await app.As("inspector.nanxiang", s => { s.Get.Url($"/api/audit/events?actorId={inspector}"); s.StatusCodeShouldBe(200); });
        await app.As("town.nanxiang", s => { s.Get.Url("/api/ledger/verify"); s.StatusCodeShouldBe(403); });
    }
}
