using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Marten;
using Microsoft.Playwright;
using Wolverine;
using static AnJiaXing.IntegrationTests.RiskControl.RiskControlFixture;

namespace AnJiaXing.IntegrationTests.RiskControl;

/// <summary>The risk-control fixture plus a second instance of the service on a real loopback port for a browser.</summary>
public class RiskMapBrowserFixture : RiskControlFixture, IAsyncLifetime
{
    private WebApplicationFactory<Program>? _web;
    public string BaseUrl { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
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
    }
}

/// <summary>Headless Chromium (Debian's, through Playwright) signs in on /risk-map and sees the site plan with its four colours.</summary>
public class when_viewing_the_risk_map_in_a_browser(RiskMapBrowserFixture app) : IClassFixture<RiskMapBrowserFixture>
{
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>A site plan drawn by Debian's ffmpeg: buildings as boxes on a light ground, 800 × 500.</summary>
    private static async Task<byte[]> SitePlan()
    {
        var path = Path.Combine(Path.GetTempPath(), "anjiaxing-plan-" + Guid.NewGuid().ToString("N")[..8] + ".png");
        var boxes = string.Join(",", new[] { (40, 40, 300, 170), (380, 40, 380, 120), (40, 260, 220, 200), (300, 220, 460, 240) }
            .Select(b => $"drawbox=x={b.Item1}:y={b.Item2}:w={b.Item3}:h={b.Item4}:color=0x7f8c99:t=4"));
        var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
            ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "color=c=0xeef2f5:s=800x500", "-vf", boxes, "-frames:v", "1", path])
            { RedirectStandardError = true })!;
        await ffmpeg.WaitForExitAsync();
        if (ffmpeg.ExitCode != 0) throw new InvalidOperationException("ffmpeg failed: " + await ffmpeg.StandardError.ReadToEndAsync());
        try { return await File.ReadAllBytesAsync(path); }
        finally { File.Delete(path); }
    }

    private async Task<Guid> Upload(string username, byte[] png)
    {
        var token = await app.TokenFor(username);
        using var client = app.Host.Server.CreateClient();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "厂区平面图.png");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/evidence") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        Assert.Equal(201, (int)response.StatusCode);
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task the_page_shows_the_site_plan_with_markers_in_their_current_colours_a_legend_and_counts()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y chromium (.ci/run does it).");
        var enterprise = await app.OrganisationOf("ent.demo1");
        var points = new[]
        {
            (await app.Register("ent.demo1", EnterprisePoint(enterprise, Ls(5, 5), "页面 液氯罐区")), 0.2, 0.3),
            (await app.Register("ent.demo1", EnterprisePoint(enterprise, Ls(4, 4), "页面 甲类仓库")), 0.6, 0.2),
            (await app.Register("ent.demo1", EnterprisePoint(enterprise, Ls(3, 4), "页面 配电室")), 0.25, 0.72),
            (await app.Register("ent.demo1", EnterprisePoint(enterprise, Ls(2, 4), "页面 装卸区")), 0.55, 0.6),
            (await app.Register("ent.demo1", EnterprisePoint(enterprise, Ls(1, 2), "页面 办公楼")), 0.85, 0.75)
        };
        var plan = await Upload("ent.demo1", await SitePlan());
        await app.As("ent.demo1", s =>
        {
            s.Put.Json(new { evidenceId = plan, placements = points.Select(p => new { riskPointId = p.Item1, x = p.Item2, y = p.Item3 }).ToArray() })
                .ToUrl($"/api/enterprises/{enterprise}/risk-map");
            s.StatusCodeShouldBe(200);
        });

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"]
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 720 } });
        var requests = new List<string>();
        var violations = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) violations.Add(m.Text); };

        await page.GotoAsync($"{app.BaseUrl}/risk-map?enterpriseId={enterprise}");
        await page.FillAsync("#username", "town.nanxiang");
        await page.FillAsync("#password", "Demo#2026");
        await page.ClickAsync("#sign-in button");
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000, State = WaitForSelectorState.Attached });

        Assert.False(await page.IsVisibleAsync("#sign-in"), "the sign-in form is gone once signed in");
        Assert.True(await page.IsVisibleAsync("#enterprise"), "a town user picks the enterprise");
        Assert.True(await page.EvaluateAsync<int>("() => document.getElementById('plan-image').naturalWidth") == 800, "the plan is shown");
        var levels = await page.Locator("#markers .marker").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.level)");
        Assert.Equal(["Major", "Significant", "General", "Low", "Low"], levels);
        var colours = await page.Locator("#markers .marker").EvaluateAllAsync<string[]>("els => els.map(e => getComputedStyle(e).backgroundColor)");
        Assert.Equal(["rgb(230, 0, 18)", "rgb(243, 152, 0)", "rgb(255, 225, 0)", "rgb(0, 104, 183)", "rgb(0, 104, 183)"], colours);
        Assert.Equal(["1", "1", "1", "2"], await page.Locator("#legend li b").AllTextContentsAsync());
        Assert.Contains("5", await page.TextContentAsync("#total"));
        Assert.Equal("上海嘉翔精细化工有限公司", (await page.TextContentAsync("#enterprise-name"))?.Trim());
        Assert.Contains(requests, r => r == $"{app.BaseUrl}/risk-map/risk-map.js");
        Assert.All(requests.Where(r => !r.StartsWith("blob:", StringComparison.Ordinal)), r => Assert.StartsWith(app.BaseUrl, r)); // no CDN
        Assert.Empty(violations);

        var response = await page.APIRequest.GetAsync($"{app.BaseUrl}/risk-map/");
        Assert.Contains("script-src 'self'", response.Headers["content-security-policy"]);

        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "risk-map.png"), FullPage = true });
    }
}
