using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ImageMagick;
using Marten;
using PdfSharp.Pdf;

namespace AnJiaXing.IntegrationTests.Hazards;

/// <summary>
/// Evidence is accepted only when the whole file decodes as the type its first bytes name, and the multipart envelope
/// itself is read under tight limits: every hostile upload is a 4xx problem in Chinese, and nothing is stored.
/// </summary>
public class when_uploading_hostile_evidence(SmallEvidenceLimitFixture app) : IClassFixture<SmallEvidenceLimitFixture>
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private async Task<HttpResponseMessage> SendAsync(HttpContent content)
    {
        var token = await app.TokenFor("ent.a1");
        using var client = app.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/evidence") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    private Task<HttpResponseMessage> UploadAsync(byte[] bytes, string fileName = "photo.png")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return SendAsync(form);
    }

    /// <summary>A hand-written multipart body, so the envelope can be broken in ways HttpClient would never produce.</summary>
    private Task<HttpResponseMessage> RawAsync(string body, string boundary = "XyZ")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ReplaceLineEndings("\r\n")));
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
        return SendAsync(content);
    }

    private async Task<long> StoredEvidenceAsync()
    {
        await using var session = app.Store.QuerySession();
        return await session.Query<EvidenceFile>().CountAsync();
    }

    private async Task ShouldRefuse(Func<Task<HttpResponseMessage>> send, HttpStatusCode status, string fragment)
    {
        var before = await StoredEvidenceAsync();
        using var response = await send();
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.True(text.Contains(fragment), $"expected \"{fragment}\" in {text}");
        Assert.DoesNotContain("System.", text);
        Assert.DoesNotContain("   at ", text);
        Assert.True(problem.TryGetProperty("title", out _));
        Assert.Equal(before, await StoredEvidenceAsync());
    }

    private static byte[] Jpeg(int width = 8, int height = 8)
    {
        using var image = new MagickImage(MagickColors.OrangeRed, (uint)width, (uint)height);
        return image.ToByteArray(MagickFormat.Jpeg);
    }

    private static byte[] Pdf()
    {
        using var document = new PdfDocument();
        document.AddPage();
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    /// <summary>A well-formed PNG (right CRCs) whose header claims <paramref name="side"/>² pixels over a few bytes of data.</summary>
    private static byte[] PngClaiming(uint side)
    {
        var bomb = (byte[])Png.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(bomb.AsSpan(16), side);
        BinaryPrimitives.WriteUInt32BigEndian(bomb.AsSpan(20), side);
        BinaryPrimitives.WriteUInt32BigEndian(bomb.AsSpan(29), Crc32(bomb.AsSpan(12, 17)));
        return bomb;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    [Fact]
    public async Task a_real_jpeg_png_and_pdf_are_accepted_by_their_content()
    {
        foreach (var (bytes, type) in new[] { (Jpeg(), "image/jpeg"), (Png, "image/png"), (Pdf(), "application/pdf") })
        {
            using var response = await UploadAsync(bytes, "anything.bin");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var uploaded = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(type, uploaded.GetProperty("contentType").GetString());
        }
    }

    [Fact]
    public async Task a_png_header_followed_by_html_is_refused()
    {
        var polyglot = Png.Take(16).Concat("<html><script>alert(document.cookie)</script></html>"u8.ToArray()).ToArray();
        await ShouldRefuse(() => UploadAsync(polyglot), HttpStatusCode.UnsupportedMediaType, "PNG");
    }

    [Fact]
    public async Task a_valid_png_with_html_after_its_end_is_refused()
    {
        var polyglot = Png.Concat("<html><script>alert(1)</script></html>"u8.ToArray()).ToArray();
        await ShouldRefuse(() => UploadAsync(polyglot), HttpStatusCode.UnsupportedMediaType, "图像结束标记之后");
    }

    [Fact]
    public async Task a_truncated_jpeg_and_a_broken_pdf_are_refused()
    {
        var jpeg = Jpeg(64, 64);
        await ShouldRefuse(() => UploadAsync(jpeg[..(jpeg.Length / 3)], "cut.jpg"), HttpStatusCode.UnsupportedMediaType, "JPEG");
        await ShouldRefuse(() => UploadAsync("%PDF-1.7\n<html>not a pdf</html>"u8.ToArray(), "fake.pdf"), HttpStatusCode.UnsupportedMediaType, "PDF");
    }

    [Fact]
    public async Task a_png_claiming_gigapixels_is_refused_without_decoding_them()
    {
        await ShouldRefuse(() => UploadAsync(PngClaiming(100_000)), HttpStatusCode.UnsupportedMediaType, "图像尺寸过大");
    }

    [Fact]
    public async Task malformed_multipart_envelopes_are_400s_naming_the_file()
    {
        // A Content-Disposition without a name, CR/LF smuggled into a header, a body cut before its closing boundary.
        await ShouldRefuse(() => RawAsync("--XyZ\nContent-Disposition: form-data; filename\nContent-Type: image/png\n\nabc\n--XyZ--\n"),
            HttpStatusCode.BadRequest, "file");
        await ShouldRefuse(() => RawAsync("--XyZ\nContent-Disposition: form-data; name=\"file\"; filename=\"a\rb.png\"\r\n\nabc\n--XyZ--\n"),
            HttpStatusCode.BadRequest, "file");
        await ShouldRefuse(() => RawAsync("--XyZ\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\n\n\u0089PNG"),
            HttpStatusCode.BadRequest, "file");
        await ShouldRefuse(() => RawAsync("no boundary here at all"), HttpStatusCode.BadRequest, "file");
    }

    [Fact]
    public async Task too_many_parts_or_two_files_are_refused()
    {
        var parts = string.Concat(Enumerable.Range(0, 40).Select(i => $"--XyZ\nContent-Disposition: form-data; name=\"f{i}\"\n\nv\n"));
        await ShouldRefuse(() => RawAsync(parts + "--XyZ--\n"), HttpStatusCode.BadRequest, "file");

        var form = new MultipartFormDataContent { { new ByteArrayContent(Png), "file", "a.png" }, { new ByteArrayContent(Png), "file", "b.png" } };
        await ShouldRefuse(() => SendAsync(form), HttpStatusCode.BadRequest, "一次只能上传一个文件");
    }

    [Fact]
    public async Task a_body_over_the_limit_is_413_even_without_a_content_length()
    {
        // Streamed (chunked): the limit must hold while the body arrives, not only against a declared length.
        var big = new byte[64 * 1024];
        Png.CopyTo(big, 0);
        var form = new MultipartFormDataContent();
        form.Add(new StreamContent(new MemoryStream(big)), "file", "big.png");
        var chunked = new PushStreamContentWithoutLength(form);
        await ShouldRefuse(() => SendAsync(chunked), HttpStatusCode.RequestEntityTooLarge, "文件最大");
    }

    /// <summary>Wraps content so that it is sent without a Content-Length header.</summary>
    private sealed class PushStreamContentWithoutLength : HttpContent
    {
        private readonly HttpContent _inner;

        public PushStreamContentWithoutLength(HttpContent inner)
        {
            _inner = inner;
            Headers.ContentType = inner.Headers.ContentType;
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => _inner.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
