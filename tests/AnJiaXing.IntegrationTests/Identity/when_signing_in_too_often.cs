using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Hazards;
using AnJiaXing.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace AnJiaXing.IntegrationTests.Identity;

/// <summary>
/// The lockout policy (5 failures in 15 minutes lock the account name for 15 minutes, even for the right password),
/// failed sign-ins recorded where auditors read them, and the per-address rate limit — each answered 429 with Retry-After.
/// </summary>
public class when_signing_in_too_often(HazardFixture app) : IClassFixture<HazardFixture>
{
    private Task<IScenarioResult> SignIn(string username, string password, int status) => app.Host.Scenario(s =>
    {
        s.Post.Json(new { username, password }).ToUrl("/api/auth/token");
        s.StatusCodeShouldBe(status);
    });

    [Fact]
    public async Task five_failures_lock_the_account_until_the_lock_runs_out_and_auditors_see_each_failure()
    {
        for (var i = 0; i < 5; i++) await SignIn("ent.a2", "wrong-password", 401);

        var locked = await SignIn("ent.a2", HazardFixture.Password, 429);
        Assert.True(int.Parse(locked.Context.Response.Headers.RetryAfter.ToString()) > 60);
        Assert.Contains("锁定", JsonDocument.Parse(await locked.ReadAsTextAsync()).RootElement.GetProperty("detail").GetString());

        var audit = await app.As("auditor", s => s.Get.Url("/api/audit/events?eventType=sign_in_failed&pageSize=50"));
        var failures = audit.Json().GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("data").GetProperty("username").GetString() == "ent.a2").ToList();
        Assert.Equal(5, failures.Count);
        Assert.Contains(failures, f => f.GetProperty("data").GetProperty("lockedOut").GetBoolean());
        Assert.All(failures, f => Assert.Equal(app.Users["ent.a2"], f.GetProperty("data").GetProperty("accountId").GetGuid()));

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        await SignIn("ent.a2", HazardFixture.Password, 200);
    }

    [Fact]
    public async Task a_name_without_an_account_locks_the_same_way_so_probing_reveals_nothing()
    {
        for (var i = 0; i < 5; i++) await SignIn("nobody.here", "x-password", 401);
        await SignIn("nobody.here", "x-password", 429);
    }

    [Fact]
    public async Task a_success_clears_the_failures()
    {
        for (var i = 0; i < 4; i++) await SignIn("ent.b1", "wrong-password", 401);
        await SignIn("ent.b1", HazardFixture.Password, 200);
        for (var i = 0; i < 4; i++) await SignIn("ent.b1", "wrong-password", 401);
        await SignIn("ent.b1", HazardFixture.Password, 200);
    }
}

/// <summary>A host whose clients may sign in five times a minute.</summary>
public sealed class FewSignInsFixture : AppFixture
{
    protected override void Configure(IWebHostBuilder builder) =>
        builder.UseSetting("AnJiaXing:Auth:SignInsPerMinutePerClient", "5");
}

public class when_one_address_signs_in_too_often(FewSignInsFixture app) : IClassFixture<FewSignInsFixture>
{
    [Fact]
    public async Task the_address_gets_429_with_retry_after_whatever_the_accounts()
    {
        var statuses = new List<int>();
        for (var i = 0; i < 7; i++)
        {
            var result = await app.Host.Scenario(s =>
            {
                s.Post.Json(new { username = $"probe.{i}", password = "x-password" }).ToUrl("/api/auth/token");
                s.IgnoreStatusCode();
            });
            statuses.Add(result.Context.Response.StatusCode);
            if (result.Context.Response.StatusCode == 429)
            {
                Assert.True(int.Parse(result.Context.Response.Headers.RetryAfter.ToString()) > 0);
                Assert.Equal("application/problem+json", result.Context.Response.ContentType?.Split(';')[0]);
            }
        }
        Assert.Equal([401, 401, 401, 401, 401, 429, 429], statuses);
    }
}
