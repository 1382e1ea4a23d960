using AnJiaXing.IntegrationTests.Hazards;
using Marten.Events;
using Microsoft.Playwright;

namespace AnJiaXing.IntegrationTests.Statistics;

/// <summary>
/// Headless Chromium (Debian's <c>chromium</c>, driven by Playwright with the system browser) signs in on
/// /dashboard against the seeded data set and reads every panel. The screenshot lands in the test output
/// (<c>bin/…/screenshots/dashboard.png</c>).
/// </summary>
public class when_viewing_the_dashboard_in_a_browser(DashboardFixture app) : IClassFixture<DashboardFixture>
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task every_panel_renders_the_expected_figures()
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
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);

        await page.GotoAsync(app.BaseUrl + "/dashboard");
        await page.FillAsync("#username", "district.admin");
        await page.FillAsync("#password", "Demo#2026");
        await page.CheckAsync("#remember");
        await page.ClickAsync("#sign-in button");
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });

        async Task<string> Figure(string key) => (await page.TextContentAsync($"[data-figure='{key}']"))!.Trim();

        Assert.Equal("全区", await Figure("scope"));
        Assert.Equal("7", await Figure("hazards"));
        Assert.Equal("4", await Figure("open"));
        Assert.Equal("1", await Figure("open-major"));
        Assert.Equal("1", await Figure("overdue"));
        Assert.Equal("2", await Figure("enterprises"));
        Assert.Equal("57.1%", await Figure("information-accuracy"));  // 4 / 7
        Assert.Equal("20.0%", await Figure("closure-rate"));          // 1 / 5
        Assert.Equal("20.0%", await Figure("on-time-closure-rate"));
        Assert.Equal("80.0%", await Figure("user-activity"));         // 8 / 10
        Assert.Equal("10", await Figure("users-enabled"));
        Assert.Equal("7", await Figure("hazards-total"));
        Assert.Equal("5", await Figure("hazards-general"));
        Assert.Equal("2", await Figure("hazards-major"));
        Assert.Equal("3", await Figure("inspections-total"));          // I1–I3 submitted, I4 a draft
        Assert.Equal("50.0%", await Figure("plan-completion"));       // 1 of the plan's 2 enterprises
        Assert.Equal("0", await Figure("inspection-hazards-raised")); // all findings compliant or in a temporary check
        Assert.Equal("0.0", await Figure("inspection-hazards-per-check"));
        Assert.Equal("0", await Figure("risk-points"));
        Assert.Equal("7", await page.GetAttributeAsync("#panel-trend", "data-reported"));
        // Twelve months up to this one, none to come, drawn with straight segments.
        var months = await page.EvaluateAsync<string[]>("() => echarts.getInstanceByDom(document.querySelector('#panel-trend .chart')).getOption().xAxis[0].data");
        Assert.Equal(12, months.Length);
        Assert.Equal(StatisticsCalendar.MonthKey(app.Today), months[^1]);
        Assert.True(await page.EvaluateAsync<bool>(
            "() => echarts.getInstanceByDom(document.querySelector('#panel-trend .chart')).getOption().series.every(s => s.type === 'line' && s.smooth === false)"));

        // Charts drew on canvases; the risk panel says in Chinese that there are no risk points yet.
        foreach (var panel in new[] { "panel-users", "panel-hazards", "panel-trend", "panel-sources", "panel-inspection-month", "panel-inspection-kind" })
            Assert.True(await page.Locator($"#{panel} canvas").CountAsync() > 0, $"{panel} has no chart");
        Assert.DoesNotContain("暂无检查记录", await page.TextContentAsync("#panel-inspection-month"));
        Assert.Contains("暂无风险点", await page.TextContentAsync("#panel-risk"));

        // District users pick a town: 安亭镇 has the two hazards of 安亭建工 and the temporary check.
        // Functions, not strings: the page's Content-Security-Policy forbids evaluating strings, and the test keeps it on.
        await page.EvaluateAsync("() => { document.body.dataset.ready = 'false'; }");
        await page.SelectOptionAsync("#town", new SelectOptionValue { Label = "安亭镇" });
        await page.WaitForSelectorAsync("body[data-ready=true]");
        Assert.Equal("2", await Figure("hazards"));
        Assert.Equal("安亭镇", await Figure("scope"));
        Assert.Equal("1", await Figure("inspections-total"));
        Assert.Equal("0.0%", await Figure("plan-completion"));       // 安亭建工 not inspected under the plan yet

        await page.SelectOptionAsync("#town", new SelectOptionValue { Label = "全区" });
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-figure='hazards']")).ToHaveTextAsync("7");
        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "dashboard.png"), FullPage = true });

        // Everything came from the service itself: no CDN.
        Assert.All(requests, url => Assert.StartsWith(app.BaseUrl, url));
        Assert.Contains(requests, url => url.EndsWith("/dashboard/lib/echarts.min.js", StringComparison.Ordinal));

        // Unattended: the screen was kept signed in on this device; reloaded to refresh every second, it signs in by itself.
        await page.GotoAsync(app.BaseUrl + "/dashboard?refresh=1");
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.True(await page.IsHiddenAsync("#sign-in"));
        var before = await Hazards(page);
        Assert.Equal(7, before);
        var hazards = page.Locator("[data-figure='hazards']");

        // The access token has expired: the next refresh renews it with the one-use refresh token and carries on.
        var refreshToken = await page.EvaluateAsync<string>("() => localStorage.getItem('anjiaxing.refresh')");
        Assert.False(string.IsNullOrEmpty(refreshToken));
        await page.EvaluateAsync("() => localStorage.setItem('anjiaxing.token', 'expired')");
        await page.WaitForFunctionAsync("old => localStorage.getItem('anjiaxing.refresh') !== old && localStorage.getItem('anjiaxing.token') !== 'expired'",
            refreshToken, new PageWaitForFunctionOptions { Timeout = 15_000 });
        Assert.True(await page.IsHiddenAsync("#sign-in"));

        // The service goes away: the screen keeps its figures and its sign-in, says so, and recovers by itself.
        await page.RouteAsync("**/api/**", route => route.AbortAsync());
        await page.WaitForSelectorAsync("body[data-offline=true]", new PageWaitForSelectorOptions { Timeout = 15_000 });
        Assert.Contains("连接中断", await page.TextContentAsync("#updated"));
        Assert.True(await page.IsHiddenAsync("#sign-in"));
        await Microsoft.Playwright.Assertions.Expect(hazards).ToHaveTextAsync(before.ToString());
        await page.UnrouteAllAsync();
        await page.WaitForSelectorAsync("body[data-offline=false]", new PageWaitForSelectorOptions { Timeout = 15_000 });

        // A restart of the browser (a new page of the same profile) finds the screen still signed in.
        var restarted = await context.NewPageAsync();
        await page.CloseAsync();
        await restarted.GotoAsync(app.BaseUrl + "/dashboard?refresh=1");
        await restarted.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.True(await restarted.IsHiddenAsync("#sign-in"));

        // A new hazard shows up without anyone touching the screen.
        await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals, description: "大屏自动刷新测试"));
        await app.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        await Microsoft.Playwright.Assertions.Expect(restarted.Locator("[data-figure='hazards']")).ToHaveTextAsync((before + 1).ToString(), new() { Timeout = 15_000 });
        await restarted.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "dashboard-unattended.png"), FullPage = true });
    }

    private static async Task<int> Hazards(IPage page) => int.Parse((await page.TextContentAsync("[data-figure='hazards']"))!.Trim());
}
