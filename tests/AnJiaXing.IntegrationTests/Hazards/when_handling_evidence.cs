using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using AnJiaXing.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace AnJiaXing.IntegrationTests.Hazards;

public class SmallEvidenceLimitFixture : HazardFixture
{
    protected override void Configure(IWebHostBuilder builder)
    {
        base.Configure(builder);
        builder.UseSetting("AnJiaXing:Evidence:MaxBytes", "4096");
    }
}

public class when_handling_evidence(SmallEvidenceLimitFixture app) : IClassFixture<SmallEvidenceLimitFixture>
{
    // A valid 1x1 PNG.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private async Task<HttpResponseMessage> Upload(string username, byte[] content, string fileName, string declaredType)
    {
        var token = await app.TokenFor(username);
        using var client = app.Host.Server.CreateClient();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        form.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/evidence") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task a_png_is_stored_by_its_hash_referenced_by_the_hazard_and_served_within_scope()
    {
        using var response = await Upload("ent.a1", Png, "photo.jpg", "image/jpeg");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var uploaded = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("image/png", uploaded.GetProperty("contentType").GetString()); // decided by content, not name or header
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Png)), uploaded.GetProperty("sha256").GetString());
        var evidenceId = uploaded.GetProperty("id").GetGuid();

        var report = new
        {
            enterpriseId = app.NanxiangChemicals, level = "General", category = "Fire", description = "灭火器过期", source = "SelfInspection",
            evidenceIds = new[] { evidenceId }
        };
        var hazardId = await app.Report("ent.a1", report);
        var view = await app.Get("town.nanxiang", hazardId);
        Assert.Equal(evidenceId, view.GetProperty("evidence")[0].GetProperty("id").GetGuid());

        var served = await app.As("town.nanxiang", s => s.Get.Url($"/api/evidence/{evidenceId}"));
        Assert.Equal("image/png", served.Context.Response.ContentType);
        using var body = new MemoryStream();
        await served.Context.Response.Body.CopyToAsync(body);
        Assert.Equal(Png, body.ToArray());

        await app.As("town.anting", s => { s.Get.Url($"/api/evidence/{evidenceId}"); s.StatusCodeShouldBe(404); });
        await app.As("ent.b1", s => { s.Get.Url($"/api/evidence/{evidenceId}"); s.StatusCodeShouldBe(404); });
    }

    [Fact]
    public async Task content_that_is_not_jpeg_png_or_pdf_is_415_whatever_its_name()
    {
        using var response = await Upload("ent.a1", "just some text, not an image"u8.ToArray(), "photo.png", "image/png");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task a_file_over_the_configured_limit_is_413()
    {
        var big = new byte[5000];
        Png.CopyTo(big, 0);
        using var response = await Upload("ent.a1", big, "big.png", "image/png");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task unknown_evidence_in_a_report_is_a_400_and_nothing_is_reported()
    {
        var problem = await app.As("ent.a1", s =>
        {
            s.Post.Json(new
            {
                enterpriseId = app.NanxiangChemicals, level = "General", category = "Fire", description = "未知证据", source = "SelfInspection",
                evidenceIds = new[] { Guid.NewGuid() }
            }).ToUrl("/api/hazards");
            s.StatusCodeShouldBe(400);
        });
        Assert.True(problem.ShouldBeProblem(400).GetProperty("errors").TryGetProperty("evidenceIds", out _));
    }
}
