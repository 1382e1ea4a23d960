using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Alba;
using Marten;
using AnJiaXing.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Wolverine;
using static Microsoft.Playwright.Assertions;

namespace AnJiaXing.IntegrationTests.Statistics;

/// <summary>
/// The demo district as <c>./scripts/run.sh</c> seeds it, monitoring included, plus a second instance of the service on a
/// real loopback port over the same database for a browser (it only reads: no seeding of its own).
/// </summary>
public class MonitoringDashboardFixture : AppFixture, IAsyncLifetime
{
    private WebApplicationFactory<Program>? _web;
    public string BaseUrl { get; private set; } = "";

    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("AnJiaXing:Monitoring:DemoSeed", "true");

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

/// <summary>
/// Headless Chromium (Debian's, through Playwright) signs in on /dashboard over the demo data and reads the 监测预警
/// panels and the emergency map. Hand-counted from the demo seeds (MonitoringDemoSeed, EmergencyDemoSeed):
/// <list type="bullet">
/// <item>alarms: 嘉翔精细化工 (南翔镇) two open (液位 85 % over 80, 氯气 1.6 ppm over 1), 华亭气体 (安亭镇) one acknowledged
/// (1.7 MPa over 1.6) — 3 unresolved, 2 unacknowledged;</item>
/// <item>equipment (expiry in days): 嘉翔 +12, −5, +200; 华亭 +25, +400; 安亭化学试剂 −20 — 2 expired, 2 within 30 days;</item>
/// <item>certificates: 嘉翔 +20, +300; 华亭 −3, +28; 安亭化学试剂 +90 — 1 expired, 2 within 30 days;</item>
/// <item>major hazard sources: 嘉翔 R = 120 (一级) and 16.8 (三级), 华亭 60 (二级), 安亭化学试剂 1.2 (四级);</item>
/// <item>map: 2 micro fire stations, 2 fire facilities, 3 supplies, 2 teams with coordinates (the experts have none); in
/// 安亭镇 one station and one supply.</item>
/// </list>
/// The screenshot lands in <c>bin/…/screenshots/dashboard-monitoring.png</c>.
/// </summary>
public class when_viewing_monitoring_and_the_emergency_map_on_the_dashboard(MonitoringDashboardFixture app)
    : IClassFixture<MonitoringDashboardFixture>
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task the_monitoring_panels_and_the_map_show_the_demo_data_in_scope()
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
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        var violations = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) violations.Add(m.Text); };
        var failures = new List<string>();
        page.PageError += (_, e) => failures.Add(e);

        var answer = await page.GotoAsync(app.BaseUrl + "/dashboard");
        Assert.Equal(SecurityHeaders.PagePolicy, await answer!.HeaderValueAsync("content-security-policy"));
        await page.FillAsync("#username", "district.admin");
        await page.FillAsync("#password", "Demo#2026");
        await page.ClickAsync("#sign-in button");
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });

        ILocator Figure(string key) => page.Locator($"[data-figure='{key}']");
        async Task ExpectFigures(params (string Key, string Value)[] expected)
        {
            foreach (var (key, value) in expected) await Expect(Figure(key)).ToHaveTextAsync(value);
        }
        var points = page.Locator("#panel-emergency-map .chart");
        async Task ExpectPoints(params (string Series, int Count)[] expected)
        {
            foreach (var (series, count) in expected)
                await Expect(points).ToHaveAttributeAsync("data-points", new Regex($"(^| ){Regex.Escape(series)}:{count}( |$)"));
        }

        await ExpectFigures(("alarms-open", "3"), ("alarms-unacknowledged", "2"), ("equipment-expired", "2"), ("equipment-expiring", "2"),
            ("certificates-expired", "1"), ("certificates-expiring", "2"),
            ("major-hazard-sources", "4"), ("major-hazard-grade-1", "1"), ("major-hazard-grade-2", "1"), ("major-hazard-grade-3", "1"),
            ("major-hazard-grade-4", "1"),
            ("map-fire-stations", "2"), ("map-fire-facilities", "2"), ("map-supplies", "3"), ("map-teams", "2"));
        await ExpectPoints(("微型消防站", 2), ("消防设施", 2), ("应急物资", 3), ("应急队伍", 2));
        await Expect(points).Not.ToHaveAttributeAsync("data-points", new Regex("应急专家"));
        foreach (var panel in new[] { "panel-monitoring", "panel-major-hazards", "panel-emergency-map" })
            await Expect(page.Locator($"#{panel} canvas").First).ToBeVisibleAsync();
        // The alarms chart counts the open alarms by level: all three crossed a high threshold (高报).
        await Expect(page.Locator("#panel-monitoring .chart")).ToHaveAttributeAsync("data-levels", "低低报:0 低报:0 高报:3 高高报:0");

        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "dashboard-monitoring.png"), FullPage = true });

        // A district user picks 安亭镇: 华亭气体's acknowledged alarm, its expiries and its grade-2 source; one station, one supply.
        await page.SelectOptionAsync("#town", new SelectOptionValue { Label = "安亭镇" });
        await ExpectFigures(("alarms-open", "1"), ("alarms-unacknowledged", "0"), ("equipment-expired", "0"), ("equipment-expiring", "1"),
            ("certificates-expired", "1"), ("certificates-expiring", "1"),
            ("major-hazard-sources", "1"), ("major-hazard-grade-1", "0"), ("major-hazard-grade-2", "1"),
            ("map-features", "2"), ("map-fire-stations", "1"), ("map-supplies", "1"));
        await Expect(points).ToHaveAttributeAsync("data-points", "微型消防站:1 应急物资:1");
        await Expect(page.Locator("#panel-monitoring .chart")).ToHaveAttributeAsync("data-levels", "低低报:0 低报:0 高报:1 高高报:0");

        // A town with nothing monitored and nothing on the map says so in Chinese.
        await page.SelectOptionAsync("#town", new SelectOptionValue { Label = "外冈镇" });
        await ExpectFigures(("alarms-open", "0"), ("major-hazard-sources", "0"), ("map-features", "0"));
        await Expect(page.Locator("#panel-monitoring .empty")).ToHaveTextAsync("暂无未解除告警");
        await Expect(page.Locator("#panel-major-hazards .empty")).ToHaveTextAsync("暂无重大危险源");
        await Expect(page.Locator("#panel-emergency-map .empty")).ToHaveTextAsync("暂无带坐标的应急资源");

        // Back to the district: the charts come back in place of the empty-state texts.
        await page.SelectOptionAsync("#town", new SelectOptionValue { Label = "全区" });
        await ExpectPoints(("微型消防站", 2), ("消防设施", 2), ("应急物资", 3), ("应急队伍", 2));
        foreach (var panel in new[] { "panel-monitoring", "panel-major-hazards", "panel-emergency-map" })
        {
            await Expect(page.Locator($"#{panel} canvas").First).ToBeVisibleAsync();
            await Expect(page.Locator($"#{panel} .empty")).ToHaveCountAsync(0);
        }

        // Chinese throughout, the month picker included (a native month input would be labelled in the browser's locale).
        await Expect(page.Locator("#month option").First).ToHaveTextAsync(new Regex(@"^\d{4}年\d{1,2}月$"));
        Assert.Equal("/favicon.svg", await page.GetAttributeAsync("link[rel=icon]", "href"));
        Assert.Empty(violations);
        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("/favicon.ico")]
    [InlineData("/favicon.svg")]
    public async Task the_favicon_is_an_image(string path)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url(path);
            s.StatusCodeShouldBe(200);
        });
        Assert.Equal("image/svg+xml", result.Context.Response.ContentType);
        Assert.Contains("<svg", await result.ReadAsTextAsync());
    }

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/risk-map/")]
    [InlineData("/video/")]
    [InlineData("/investigations/")]
    public async Task every_page_links_the_favicon(string page)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url(page);
            s.StatusCodeShouldBe(200);
        });
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">", await result.ReadAsTextAsync());
    }
}
