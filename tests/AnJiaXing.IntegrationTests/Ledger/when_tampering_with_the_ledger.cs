using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Hazards;
using AnJiaXing.IntegrationTests.Infrastructure;

namespace AnJiaXing.IntegrationTests.Ledger;

/// <summary>Each test tampers with its own hazard stream and verifies that stream: verify names the exact stream and version.</summary>
public class when_tampering_with_the_ledger(HazardFixture app) : IClassFixture<HazardFixture>
{
    private async Task<Guid> HazardWithThreeEvents()
    {
        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        await app.Act("town.nanxiang", id, "assign", app.Assignment("ent.a2"));
        await app.Act("ent.a2", id, "rectification", new { description = "已整改" });
        return id;
    }

    private async Task<JsonElement> Verify(Guid streamId) =>
        (await app.As("auditor", s => s.Get.Url($"/api/ledger/verify?streamId={streamId}"))).Json();

    private static void AssertBreak(JsonElement result, Guid stream, long version, string reasonPart)
    {
        Assert.False(result.GetProperty("ok").GetBoolean());
        var b = result.GetProperty("firstBreak");
        Assert.Equal(stream, b.GetProperty("streamId").GetGuid());
        Assert.Equal(version, b.GetProperty("version").GetInt64());
        Assert.Contains(reasonPart, b.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task an_honest_stream_verifies()
    {
        var id = await HazardWithThreeEvents();
        var result = await Verify(id);
        Assert.True(result.GetProperty("ok").GetBoolean());
        Assert.Equal(1, result.GetProperty("streamsChecked").GetInt64());
        Assert.Equal(3, result.GetProperty("eventsChecked").GetInt64());

        var history = (await app.As("town.nanxiang", s => s.Get.Url($"/api/hazards/{id}/history"))).Json().EnumerateArray().ToList();
        Assert.Equal(new string('0', 64), history[0].GetProperty("previousHash").GetString());
        Assert.Equal(history[0].GetProperty("hash").GetString(), history[1].GetProperty("previousHash").GetString());
        Assert.Equal(history[1].GetProperty("hash").GetString(), history[2].GetProperty("previousHash").GetString());
    }

    [Fact]
    public async Task an_update_of_event_data_is_found()
    {
        var id = await HazardWithThreeEvents();
        await app.ExecuteAsync("update anjiaxing.mt_events set data = jsonb_set(data, '{description}', '\"已整改（篡改）\"') where stream_id = $1 and version = 3", id);
        AssertBreak(await Verify(id), id, 3, "changed");
    }

    [Fact]
    public async Task an_update_of_event_metadata_is_found()
    {
        var id = await HazardWithThreeEvents();
        await app.ExecuteAsync("update anjiaxing.mt_events set user_name = 'someone.else' where stream_id = $1 and version = 2", id);
        AssertBreak(await Verify(id), id, 2, "changed");

        var other = await HazardWithThreeEvents();
        await app.ExecuteAsync("update anjiaxing.mt_events set headers = jsonb_set(headers, '{clientIp}', '\"10.9.9.9\"') where stream_id = $1 and version = 1", other);
        AssertBreak(await Verify(other), other, 1, "changed");
    }

    [Fact]
    public async Task a_deleted_event_in_the_middle_is_found()
    {
        var id = await HazardWithThreeEvents();
        await app.ExecuteAsync("delete from anjiaxing.mt_events where stream_id = $1 and version = 2", id);
        AssertBreak(await Verify(id), id, 2, "deleted");
    }

    [Fact]
    public async Task swapped_event_data_is_found()
    {
        var id = await HazardWithThreeEvents();
        await app.ExecuteAsync("""
            update anjiaxing.mt_events e set data = o.data, type = o.type, mt_dotnet_type = o.mt_dotnet_type
            from anjiaxing.mt_events o
            where e.stream_id = $1 and o.stream_id = $1 and ((e.version = 2 and o.version = 3) or (e.version = 3 and o.version = 2))
            """, id);
        AssertBreak(await Verify(id), id, 2, "changed");
    }

    [Fact]
    public async Task an_event_appended_while_the_trigger_was_off_is_found()
    {
        var id = await HazardWithThreeEvents();
        // The database owner switches the chain off and appends a fourth event by hand (a copy of the third, renumbered).
        await app.ExecuteAsync("alter table anjiaxing.mt_events disable trigger ledger_chain");
        try
        {
            await app.ExecuteAsync("""
                insert into anjiaxing.mt_events
                select (jsonb_populate_record(null::anjiaxing.mt_events, to_jsonb(e)
                        || jsonb_build_object('seq_id', nextval('anjiaxing.mt_events_sequence'), 'id', gen_random_uuid(), 'version', 4))).*
                from anjiaxing.mt_events e where e.stream_id = $1 and e.version = 3
                """, id);
        }
        finally
        {
            await app.ExecuteAsync("alter table anjiaxing.mt_events enable trigger ledger_chain");
        }
        AssertBreak(await Verify(id), id, 4, "no ledger entry");
        await Task.Delay(TimeSpan.FromSeconds(5.5)); // the guard's cached answer (it may have seen the trigger off) expires
    }

    [Fact]
    public async Task a_forged_digest_does_not_verify()
    {
        await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        var sealedDigest = (await app.As("district.admin", s => s.Post.Url("/api/ledger/digest"))).Json();
        var digestId = sealedDigest.GetProperty("id").GetInt64();
        // A forged digest: someone inserts a row with another root but reuses a real signature.
        await app.ExecuteAsync("""
            insert into anjiaxing.ledger_digests (covered_sequence, stream_count, event_count, root, created_at, key_id, public_key, signature)
            select covered_sequence, stream_count, event_count, repeat('f', 64), created_at, key_id, public_key, signature
            from anjiaxing.ledger_digests where id = $1
            """, digestId);
        var forgedId = await app.ScalarAsync<long>("select max(id) from anjiaxing.ledger_digests");
        var forged = await VerifyQuery($"?digestId={forgedId}");
        Assert.False(forged.GetProperty("ok").GetBoolean());
        Assert.False(forged.GetProperty("digest").GetProperty("signatureValid").GetBoolean());

        // Digests are append-only.
        await Assert.ThrowsAnyAsync<Exception>(() => app.ExecuteAsync("update anjiaxing.ledger_digests set root = 'x' where id = $1", digestId));
    }

    private async Task<JsonElement> VerifyQuery(string query) =>
        (await app.As("auditor", s => s.Get.Url($"/api/ledger/verify{query}"))).Json();

    [Fact]
    public async Task a_personal_signature_verifies_a_forged_one_is_refused_and_one_written_behind_the_back_is_caught()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var registered = (await app.As("town.nanxiang", s =>
            s.Post.Json(new { publicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()) }).ToUrl("/api/me/signing-keys"))).Json();
        var keyId = registered.GetProperty("keyId").GetString()!;

        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        async Task<IScenarioResult> Signed(string action, string body, string signature, int status) =>
            await app.As("town.nanxiang", s =>
            {
                s.Post.Text(body).ToUrl($"/api/hazards/{id}/{action}");
                s.WithRequestHeader("Content-Type", "application/json");
                s.WithRequestHeader("X-Signature", $"keyId={keyId}; signature={signature}");
                s.StatusCodeShouldBe(status);
            });
        string Sign(string path, string body) => Convert.ToBase64String(key.SignData(
            Encoding.UTF8.GetBytes(PersonalSignature.PayloadFor("POST", path, Encoding.UTF8.GetBytes(body))), HashAlgorithmName.SHA256));

        var escalate = "{\"reason\":\"涉及重大危险源\"}";
        // Signed for another body: refused before anything is appended.
        await Signed("escalate", escalate, Sign($"/api/hazards/{id}/escalate", "{\"reason\":\"别的\"}"), 400);
        Assert.Equal(1, await app.EventCount(id));

        await Signed("escalate", escalate, Sign($"/api/hazards/{id}/escalate", escalate), 200);
        var history = (await app.As("town.nanxiang", s => s.Get.Url($"/api/hazards/{id}/history"))).Json().EnumerateArray().ToList();
        Assert.Equal(keyId, history[1].GetProperty("signature").GetProperty("keyId").GetString());
        Assert.True((await VerifyQuery($"?streamId={id}")).GetProperty("ok").GetBoolean());

        // Written behind the service's back: a forged signature, with the chain recomputed to hide it.
        var forged = Convert.ToBase64String(new byte[64]);
        await app.ExecuteAsync("update anjiaxing.mt_events set headers = jsonb_set(headers, '{signature,value}', to_jsonb($2::text)) where stream_id = $1 and version = 2", id, forged);
        await app.RecomputeHashAsync(id, 2);
        var result = await VerifyQuery($"?streamId={id}");
        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Equal(2, result.GetProperty("firstBreak").GetProperty("version").GetInt64());
        Assert.Contains("signature", result.GetProperty("firstBreak").GetProperty("reason").GetString());
    }
}
