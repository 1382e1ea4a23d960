using System.Security.Cryptography;
using AnJiaXing.IntegrationTests.Hazards;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Marten;
using Microsoft.Playwright;
using Wolverine;

namespace AnJiaXing.IntegrationTests.Investigations;

/// <summary>
/// One hazard at 南翔化工 (reported by ent.a1, assigned by town.nanxiang), and a second instance of the service on a
/// real loopback port over the same database for the browser (as the dashboard's fixture).
/// </summary>
public class InvestigationPageFixture : HazardFixture, IAsyncLifetime
{
    private WebApplicationFactory<Program>? _web;

    public string BaseUrl { get; private set; } = "";
    public Guid Hazard { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Hazard = await this.Report("ent.a1", HazardSteps.GeneralReport(NanxiangChemicals, description: "罐区防火堤破损"));
        await this.Act("town.nanxiang", Hazard, "assign", this.Assignment("ent.a2"));

        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _web = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:AnJiaXing", ConnectionString);
            builder.UseSetting("AnJiaXing:DemoData", "false");
            builder.UseSetting("AnJiaXing:Auth:SigningKey", signingKey);
            builder.UseSetting("AnJiaXing:DataFolder", Path.Combine(Path.GetTempPath(), "anjiaxing-test-data"));
            builder.UseSetting("AnJiaXing:Ledger:ExportFolder", ExportFolder);
            builder.ConfigureServices(services =>
            {
                services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
                services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
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

/// <summary>
/// Headless Chromium signs in as the auditor on /investigations, investigates 南翔化工, reads the timeline, downloads the
/// bundle and sees every step verified. The screenshot lands in the test output (<c>bin/…/screenshots/investigation.png</c>).
/// </summary>
public class when_investigating_in_a_browser(InvestigationPageFixture app) : IClassFixture<InvestigationPageFixture>
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task an_auditor_investigates_reads_the_timeline_and_downloads_a_bundle_that_verifies()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y chromium (.ci/run does it).");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"]
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };

        await page.GotoAsync(app.BaseUrl + "/investigations");
        await page.FillAsync("#username", "auditor");
        await page.FillAsync("#password", "Demo#2026");
        await page.ClickAsync("#sign-in button");
        await page.WaitForSelectorAsync("#target option", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        await page.SelectOptionAsync("#target", new SelectOptionValue { Label = "南翔化工有限公司" });
        await page.FillAsync("#subject", "罐区防火堤破损责任调查");
        await page.ClickAsync("#open");
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });

        async Task<string> Figure(string key) => (await page.TextContentAsync($"[data-figure='{key}']"))!.Trim();
        Assert.Equal("1", await Figure("hazards"));
        Assert.Equal("2", await Figure("steps"));
        Assert.Equal("0", await Figure("broken"));
        var rows = page.Locator("#timeline tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        Assert.Equal("hazard_reported", await rows.Nth(0).GetAttributeAsync("data-type"));
        Assert.Contains("企业用户 ent.a1", await rows.Nth(0).TextContentAsync());
        Assert.Contains("企业主体责任", await rows.Nth(0).TextContentAsync());
        Assert.Contains("下达整改", await rows.Nth(1).TextContentAsync());
        Assert.Contains("南翔镇安监 张明", await rows.Nth(1).TextContentAsync());

        // The download seals a head; the page reloads the findings and every step is verified in the Merkle log.
        await page.EvaluateAsync("() => { document.body.dataset.ready = 'false'; }");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download"));
        var saved = Path.Combine(Path.GetTempPath(), $"anjiaxing-{Guid.NewGuid():N}.zip");
        try
        {
            await download.SaveAsAsync(saved);
            var verification = LedgerBundle.Verify(await File.ReadAllBytesAsync(saved),
                app.Host.Services.GetRequiredService<LedgerSigningKey>().PublicKey);
            Assert.True(verification.Ok, verification.Reason);
        }
        finally
        {
            File.Delete(saved);
        }
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.Equal("2", await Figure("verified"));
        Assert.Equal(2, await page.Locator("[data-ledger='verified']").CountAsync());
        Assert.Contains("已下载", await page.TextContentAsync("#download-status"));

        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "investigation.png"), FullPage = true });

        Assert.Empty(errors);
        Assert.All(requests, url => Assert.True(url.StartsWith(app.BaseUrl, StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal), url));
    }
}
