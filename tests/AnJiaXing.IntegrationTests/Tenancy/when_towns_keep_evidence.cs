using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Emergency;
using AnJiaXing.IntegrationTests.Infrastructure;
using ImageMagick;

namespace AnJiaXing.IntegrationTests.Tenancy;

/// <summary>
/// Evidence when towns have databases of their own (ADR 0030): a town's photo is stored and served from its town's
/// database, the district reads the files of a town's record, and a department's upload can be attached to a town's
/// record.
/// </summary>
[Collection(TownDatabasesCollection.Name)]
public class when_towns_keep_evidence(TownDatabasesFixture app)
{
    private const string S = "anjiaxing";

    /// <summary>A PNG no other test uploads (content-addressed: the same bytes would be found wherever stored before).</summary>
    private static byte[] UniquePng()
    {
        using var image = new MagickImage(new MagickColor((byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256)),
            (uint)Random.Shared.Next(2, 40), (uint)Random.Shared.Next(2, 40));
        image.Comment = Guid.NewGuid().ToString();
        return image.ToByteArray(MagickFormat.Png);
    }

    private async Task<(HttpStatusCode Status, byte[] Body)> DownloadAsync(string username, Guid id)
    {
        using var client = app.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/evidence/{id}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenFor(username));
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<Guid> ReportAsync(string username, Guid enterpriseId, Guid evidence, string description)
    {
        var reported = await app.As(username, s =>
        {
            s.Post.Json(new { enterpriseId, level = "General", category = "Fire", description, location = "二号车间", source = "SelfInspection", evidenceIds = new[] { evidence } })
                .ToUrl("/api/hazards");
            s.StatusCodeShouldBe(201);
        });
        return reported.Json().GetProperty("id").GetGuid();
    }

    private async Task<Guid> EnterpriseOf(string username) =>
        (await app.As(username, s => s.Get.Url("/api/me"))).Json().GetProperty("organisationId").GetGuid();

    [Fact]
    public async Task a_towns_photo_is_kept_in_its_town_and_served_to_the_town_and_the_district()
    {
        var png = UniquePng();
        var evidence = await app.UploadEvidence("ent.demo1", png);
        await ReportAsync("ent.demo1", await EnterpriseOf("ent.demo1"), evidence, "南翔：配电柜前堆放杂物");

        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png));
        Assert.Equal("1", await TownDatabasesFixture.ScalarAsync(app.NanxiangDatabase, $"select count(*) from {S}.evidence_blobs where sha256 = '{sha}'"));
        Assert.Equal("0", await app.ScalarAsync($"select count(*) from {S}.evidence_blobs where sha256 = '{sha}'"));

        foreach (var reader in new[] { "ent.demo1", "town.nanxiang", "district.admin", "dept.emergency" })
        {
            var (status, body) = await DownloadAsync(reader, evidence);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(png, body);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await DownloadAsync("town.anting", evidence)).Status);
    }

    [Fact]
    public async Task a_departments_upload_attached_to_a_towns_hazard_is_read_by_the_town()
    {
        var png = UniquePng();
        var evidence = await app.UploadEvidence("dept.emergency", png);
        var hazard = await ReportAsync("dept.emergency", await EnterpriseOf("ent.demo1"), evidence, "部门检查：应急照明损坏");

        Assert.Equal("1", await TownDatabasesFixture.ScalarAsync(app.NanxiangDatabase, $"select count(*) from {S}.mt_events where stream_id = '{hazard}'"));
        Assert.Equal("1", await TownDatabasesFixture.ScalarAsync(app.NanxiangDatabase, $"select count(*) from {S}.mt_doc_evidencefile where id = '{evidence}'"));
        foreach (var reader in new[] { "ent.demo1", "town.nanxiang", "dept.emergency", "district.admin" })
        {
            var (status, body) = await DownloadAsync(reader, evidence);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(png, body);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await DownloadAsync("ent.demo3", evidence)).Status);
    }
}
