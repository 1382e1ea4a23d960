using System.Security.Cryptography;
using System.Text.Json;
using AnJiaXing.IntegrationTests.Hazards;
using AnJiaXing.IntegrationTests.Infrastructure;

namespace AnJiaXing.IntegrationTests.Ledger;

/// <summary>
/// What a database superuser can do and ADR 0013's v1 ledger did not catch (issue 18). Each class has its own
/// database, because each leaves the whole ledger failing.
/// </summary>
internal static class Attacks
{
    public static async Task<Guid> HazardWithThreeEvents(this HazardFixture app)
    {
        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        await app.Act("town.nanxiang", id, "assign", app.Assignment("ent.a2"));
        await app.Act("ent.a2", id, "rectification", new { description = "已整改" });
        return id;
    }

    public static async Task<JsonElement> Seal(this HazardFixture app) =>
        (await app.As("district.admin", s => s.Post.Url("/api/ledger/digest"))).Json();

    public static async Task<JsonElement> VerifyAll(this HazardFixture app) =>
        (await app.As("auditor", s => s.Get.Url("/api/ledger/verify"))).Json();

    public static string HeadsReason(this JsonElement result) =>
        result.GetProperty("heads").GetProperty("reason").GetString() ?? "";
}

public class when_a_head_is_signed_by_an_unknown_key(HazardFixture app) : IClassFixture<HazardFixture>
{
    [Fact]
    public async Task verification_fails_although_the_row_carries_its_own_public_key()
    {
        await app.HazardWithThreeEvents();
        var genuine = await app.Seal();
        Assert.True((await app.VerifyAll()).GetProperty("ok").GetBoolean());

        // A head made and signed by the forger, with the forger's public key stored beside it (v1 trusted that key).
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = Convert.ToBase64String(forger.ExportSubjectPublicKeyInfo());
        var createdAt = DateTimeOffset.Parse("2026-12-01T08:00:00.123456Z");
        var payload = StoredDigest.HeadPayload(genuine.GetProperty("coveredSequence").GetInt64(), genuine.GetProperty("streamCount").GetInt64(),
            genuine.GetProperty("eventCount").GetInt64(), genuine.GetProperty("root").GetString()!, genuine.GetProperty("logRoot").GetString()!, createdAt);
        var signature = Convert.ToBase64String(forger.SignData(System.Text.Encoding.UTF8.GetBytes(payload), HashAlgorithmName.SHA256));
        Assert.True(LedgerSigningKey.Verify(publicKey, payload, signature));
        await app.ExecuteAsync("""
            insert into anjiaxing.ledger_digests (covered_sequence, stream_count, event_count, root, created_at, key_id, public_key, signature, log_root, consistency_proof)
            select covered_sequence, stream_count, event_count, root, $1, $2, $3, $4, log_root, '' from anjiaxing.ledger_digests where id = $5
            """, createdAt, LedgerSigningKey.KeyIdOf(publicKey), publicKey, signature, genuine.GetProperty("id").GetInt64());

        var result = await app.VerifyAll();
        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.False(result.GetProperty("digest").GetProperty("signatureValid").GetBoolean());
        Assert.Contains("not a trusted key", result.HeadsReason());

        // The command line, trusting the key file only, agrees.
        var (exitCode, cli, _) = await LedgerSql.LedgerCliAsync("verify", "--connection", app.ConnectionString, "--key-file", LedgerSql.SigningKeyFile);
        Assert.Equal(1, exitCode);
        Assert.Contains("not a trusted key", cli.HeadsReason());
    }
}

public class when_history_is_rewritten_and_resealed(HazardFixture app) : IClassFixture<HazardFixture>
{
    [Fact]
    public async Task the_earlier_head_no_longer_fits_the_log()
    {
        var id = await app.HazardWithThreeEvents();
        await app.Seal();

        // Rewrite the rectification, recompute its stream's chain: the chain alone looks whole.
        await app.ExecuteAsync("update anjiaxing.mt_events set data = jsonb_set(data, '{description}', '\"未整改\"') where stream_id = $1 and version = 3", id);
        await app.RecomputeHashAsync(id, 3);
        var stream = (await app.As("auditor", s => s.Get.Url($"/api/ledger/verify?streamId={id}"))).Json();
        Assert.True(stream.GetProperty("ok").GetBoolean(), stream.ToString());

        // The service seals its next genuine head over the rewritten history (v1: only this one was checked → ok).
        await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        var resealed = await app.Seal();
        Assert.NotEmpty(resealed.GetProperty("consistencyProof").EnumerateArray());

        var result = await app.VerifyAll();
        Assert.False(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.True(result.GetProperty("digest").GetProperty("signatureValid").GetBoolean());
        Assert.Contains("rewritten", result.HeadsReason());
        Assert.NotEqual(resealed.GetProperty("id").GetInt64(), result.GetProperty("heads").GetProperty("failedHeadId").GetInt64());
    }
}

public class when_the_newest_events_are_deleted(HazardFixture app) : IClassFixture<HazardFixture>
{
    [Fact]
    public async Task the_truncation_names_the_first_missing_stream_and_version()
    {
        var id = await app.HazardWithThreeEvents();
        await app.Seal();

        // The newest event and its ledger entry: no gap is left in the chain.
        await app.ExecuteAsync("delete from anjiaxing.ledger_entries where stream_id = $1 and version = 3", id);
        await app.ExecuteAsync("delete from anjiaxing.mt_events where stream_id = $1 and version = 3", id);

        var result = await app.VerifyAll();
        Assert.False(result.GetProperty("ok").GetBoolean());
        var b = result.GetProperty("firstBreak");
        Assert.Equal(id, b.GetProperty("streamId").GetGuid());
        Assert.Equal(3, b.GetProperty("version").GetInt64());
        Assert.Contains("newest events were deleted", b.GetProperty("reason").GetString());
        Assert.Contains("entries were deleted", result.HeadsReason());

        // Also hiding it in Marten's stream table: the signed head still counts the missing entry.
        await app.ExecuteAsync("update anjiaxing.mt_streams set version = 2 where id = $1", id);
        var hidden = await app.VerifyAll();
        Assert.False(hidden.GetProperty("ok").GetBoolean());
        Assert.Contains("entries were deleted", hidden.HeadsReason());
    }
}

public class when_heads_are_deleted_from_the_database(HazardFixture app) : IClassFixture<HazardFixture>
{
    [Fact]
    public async Task verify_against_the_exported_heads_finds_it()
    {
        await app.HazardWithThreeEvents();
        await app.Seal();
        await app.HazardWithThreeEvents();
        var newest = await app.Seal();

        var export = Path.Combine(app.ExportFolder, LedgerExport.FileName);
        var exported = LedgerExport.Read(export);
        Assert.Contains(exported, h => h.Id == newest.GetProperty("id").GetInt64() && h.Signature == newest.GetProperty("signature").GetString());
        var (honestExit, honest, honestOutput) = await LedgerSql.LedgerCliAsync(
            "verify", "--connection", app.ConnectionString, "--key-file", LedgerSql.SigningKeyFile, "--against", export);
        Assert.True(honestExit == 0, honestOutput);
        Assert.True(honest.GetProperty("heads").GetProperty("exportedChecked").GetInt64() >= 2);

        // Delete the newest heads, as the database owner can (the append-only trigger switched off for it).
        await app.ExecuteAsync("alter table anjiaxing.ledger_digests disable trigger ledger_digests_append_only");
        await app.ExecuteAsync("delete from anjiaxing.ledger_digests where id >= $1", newest.GetProperty("id").GetInt64());
        await app.ExecuteAsync("alter table anjiaxing.ledger_digests enable trigger ledger_digests_append_only");

        // Inside the database alone nothing is left to see.
        Assert.True((await app.VerifyAll()).GetProperty("ok").GetBoolean());

        var (exitCode, result, output) = await LedgerSql.LedgerCliAsync(
            "verify", "--connection", app.ConnectionString, "--key-file", LedgerSql.SigningKeyFile, "--against", app.ExportFolder);
        Assert.True(exitCode == 1, output);
        Assert.Contains("missing from the database", result.HeadsReason());
        Assert.Equal(newest.GetProperty("id").GetInt64(), result.GetProperty("heads").GetProperty("failedHeadId").GetInt64());
    }
}
