using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Marten;
using Microsoft.Playwright;
using Wolverine;

namespace AnJiaXing.IntegrationTests.Monitoring;

/// <summary>
/// The monitoring fixture plus a second instance of the service on a real loopback port for a browser, which also
/// serves a short HLS clip the fixture makes with Debian's ffmpeg (H.264, 1-second segments) at /test-hls/.
/// </summary>
public class VideoFixture : MonitoringFixture, IAsyncLifetime
{
    private WebApplicationFactory<Program>? _web;
    public string BaseUrl { get; private set; } = "";
    public string ClipFolder { get; } = Path.Combine(Path.GetTempPath(), "anjiaxing-hls-" + Guid.NewGuid().ToString("N")[..8]);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Directory.CreateDirectory(ClipFolder);
        var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
            ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=duration=4:size=320x240:rate=25",
             "-c:v", "libx264", "-pix_fmt", "yuv420p", "-profile:v", "baseline", "-g", "25",
             "-f", "hls", "-hls_time", "1", "-hls_playlist_type", "vod", Path.Combine(ClipFolder, "clip.m3u8")])
            { RedirectStandardError = true })!;
        await ffmpeg.WaitForExitAsync();
        if (ffmpeg.ExitCode != 0) throw new InvalidOperationException("ffmpeg failed: " + await ffmpeg.StandardError.ReadToEndAsync());

        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _web = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:AnJiaXing", ConnectionString);
            builder.UseSetting("AnJiaXing:DemoData", "false");
            builder.UseSetting("AnJiaXing:Auth:SigningKey", signingKey);
            builder.UseSetting("AnJiaXing:DataFolder", Path.Combine(Path.GetTempPath(), "anjiaxing-test-data"));
            builder.ConfigureServices(services =>
            {
                services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
                services.AddTransient<IStartupFilter>(_ => new ClipFiles(ClipFolder));
            });
        });
        _web.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        _web.StartServer();
        BaseUrl = _web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public new async Task DisposeAsync()
    {
        if (_web is not null) await _web.DisposeAsync();
        await base.DisposeAsync();
        try { Directory.Delete(ClipFolder, recursive: true); } catch (IOException) { }
    }

    private sealed class ClipFiles(string folder) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(folder), RequestPath = "/test-hls", ServeUnknownFileTypes = true });
            next(app);
        };
    }
}

/// <summary>Headless Chromium (Debian's, through Playwright) signs in on /video, lists the enterprise's cameras and plays one.</summary>
public class when_watching_cameras_in_a_browser(VideoFixture app) : IClassFixture<VideoFixture>
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task the_page_lists_the_cameras_and_plays_the_hls_stream_with_the_locally_served_hls_js()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y chromium (.ci/run does it).");
        await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { enterpriseId = app.Chemicals, kind = "Video", name = "甲类仓库东门", streamUrl = "/test-hls/clip.m3u8" }).ToUrl("/api/devices");
            s.StatusCodeShouldBe(201);
        });
        await app.As("ent.demo2", s =>
        {
            s.Post.Json(new { enterpriseId = app.Metals, kind = "Video", name = "冲压车间", streamUrl = "/test-hls/clip.m3u8" }).ToUrl("/api/devices");
            s.StatusCodeShouldBe(201);
        });

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required"]
        });
        var page = await browser.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);

        await page.GotoAsync($"{app.BaseUrl}/video?enterpriseId={app.Chemicals}");
        await page.FillAsync("#username", "town.nanxiang");
        await page.FillAsync("#password", "Demo#2026");
        await page.ClickAsync("#sign-in button");
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });

        var cameras = await page.Locator("#cameras button").AllTextContentsAsync();
        Assert.Equal(["甲类仓库东门（上海嘉翔精细化工有限公司）"], cameras);

        await page.ClickAsync("#cameras button");
        await page.WaitForSelectorAsync("body[data-playing=true]", new PageWaitForSelectorOptions { Timeout = 30_000, State = WaitForSelectorState.Attached });
        Assert.True(await page.EvaluateAsync<double>("() => document.getElementById('player').currentTime") > 0);
        Assert.Contains(requests, r => r == $"{app.BaseUrl}/video/lib/hls.min.js");
        Assert.Contains(requests, r => r.EndsWith(".ts", StringComparison.Ordinal));
        Assert.All(requests.Where(r => !r.StartsWith("blob:", StringComparison.Ordinal)), r => Assert.StartsWith(app.BaseUrl, r)); // no CDN

        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "video.png") });
    }
}
