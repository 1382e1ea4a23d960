using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;

namespace AnJiaXing.IntegrationTests.Identity;

public class when_administering_accounts(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<Organisation> Org(string name)
    {
        await using var session = app.Store.QuerySession();
        return await session.Query<Organisation>().SingleAsync(o => o.Name == name);
    }

    [Fact]
    public async Task a_town_supervisor_creates_an_inspector_in_their_own_town_and_the_event_names_them()
    {
        var nanxiang = await Org("南翔镇");
        var result = await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { username = "inspector.nx2", displayName = "检查员 二号", password = "Insp#2026x", role = "ThirdPartyInspector", organisationId = nanxiang.Id })
                .ToUrl("/api/users");
            s.StatusCodeShouldBe(201);
        });
        var id = result.Json().GetProperty("id").GetGuid();
        Assert.Equal($"/api/users/{id}", result.Context.Response.Headers.Location.ToString());

        await using var session = app.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        var created = Assert.IsType<AccountCreated>(Assert.Single(events).Data);
        Assert.Equal("town.nanxiang", events[0].UserName);
        Assert.Equal("TownSupervisor", created.By.Role.ToString());
        Assert.Equal("南翔镇安监 张明", created.By.Name);

        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { username = "inspector.nx2", password = "Insp#2026x" }).ToUrl("/api/auth/token");
            s.StatusCodeShouldBe(200);
        });
    }

    [Fact]
    public async Task a_town_supervisor_may_not_create_accounts_in_another_town()
    {
        var anting = await Org("安亭镇");
        var result = await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { username = "sneaky.user", displayName = "越权", password = "Sneak#2026", role = "TownSupervisor", organisationId = anting.Id })
                .ToUrl("/api/users");
            s.StatusCodeShouldBe(403);
        });
        result.ShouldBeProblem(403);

        await using var session = app.Store.QuerySession();
        Assert.False(await session.Query<UserAccount>().AnyAsync(a => a.Username == "sneaky.user"));
    }

    [Fact]
    public async Task a_town_supervisor_may_not_create_district_roles()
    {
        var nanxiang = await Org("南翔镇");
        await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { username = "fake.admin", displayName = "假管理员", password = "Admin#2026", role = "DistrictAdmin", organisationId = nanxiang.Id })
                .ToUrl("/api/users");
            s.StatusCodeShouldBe(403);
        });
    }

    [Fact]
    public async Task a_town_supervisor_may_not_disable_an_account_of_another_town()
    {
        await using var session = app.Store.QuerySession();
        var antingSupervisor = await session.Query<UserAccount>().SingleAsync(a => a.Username == "town.anting");
        await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { reason = "no" }).ToUrl($"/api/users/{antingSupervisor.Id}/disable");
            s.StatusCodeShouldBe(403);
        });
        var after = await app.Store.QuerySession().LoadAsync<UserAccount>(antingSupervisor.Id);
        Assert.True(after!.Enabled);
    }

    [Theory]
    [InlineData("inspector.nanxiang")]
    [InlineData("dept.emergency")]
    [InlineData("auditor")]
    public async Task roles_without_account_administration_get_403(string username)
    {
        var nanxiang = await Org("南翔镇");
        await app.As(username, s =>
        {
            s.Post.Json(new { username = "x.y.z", displayName = "x", password = "Xyz#20261", role = "ThirdPartyInspector", organisationId = nanxiang.Id })
                .ToUrl("/api/users");
            s.StatusCodeShouldBe(403);
        });
    }

    [Fact]
    public async Task a_town_supervisor_lists_only_accounts_of_their_town()
    {
        var result = await app.As("town.anting", s => s.Get.Url("/api/users?pageSize=500"));
        var items = result.Json().GetProperty("items").EnumerateArray().Select(i => i.GetProperty("username").GetString()).ToList();
        Assert.Contains("town.anting", items);
        Assert.DoesNotContain("town.nanxiang", items);
        Assert.DoesNotContain("district.admin", items);
    }

    [Fact]
    public async Task invalid_input_gets_400_with_an_errors_map_and_creates_nothing()
    {
        var result = await app.As("district.admin", s =>
        {
            s.Post.Json(new { username = "", displayName = "", password = "short", role = "TownSupervisor", organisationId = Guid.Empty })
                .ToUrl("/api/users");
            s.StatusCodeShouldBe(400);
        });
        var errors = result.ShouldBeProblem(400).GetProperty("errors");
        Assert.True(errors.TryGetProperty("username", out _));
        Assert.True(errors.TryGetProperty("password", out _));
        Assert.True(errors.TryGetProperty("organisationId", out _));
    }

    [Fact]
    public async Task a_role_that_does_not_fit_the_organisation_is_a_400()
    {
        var nanxiang = await Org("南翔镇");
        var result = await app.As("district.admin", s =>
        {
            s.Post.Json(new { username = "wrong.fit", displayName = "错配", password = "Wrong#2026", role = "DepartmentOfficer", organisationId = nanxiang.Id })
                .ToUrl("/api/users");
            s.StatusCodeShouldBe(400);
        });
        Assert.True(result.ShouldBeProblem(400).GetProperty("errors").TryGetProperty("organisationId", out _));
    }

    [Fact]
    public async Task a_taken_username_is_a_409()
    {
        var nanxiang = await Org("南翔镇");
        await app.As("district.admin", s =>
        {
            s.Post.Json(new { username = "Town.Nanxiang", displayName = "重复", password = "Dup#20261", role = "TownSupervisor", organisationId = nanxiang.Id })
                .ToUrl("/api/users");
            s.StatusCodeShouldBe(409);
        });
    }

    [Fact]
    public async Task a_password_reset_is_recorded_and_the_new_password_works()
    {
        var nanxiang = await Org("南翔镇");
        var created = await app.As("district.admin", s =>
        {
            s.Post.Json(new { username = "reset.me", displayName = "重置", password = "Before#2026", role = "ThirdPartyInspector", organisationId = nanxiang.Id })
                .ToUrl("/api/users");
            s.StatusCodeShouldBe(201);
        });
        var id = created.Json().GetProperty("id").GetGuid();
        await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { newPassword = "After#2026" }).ToUrl($"/api/users/{id}/reset-password");
            s.StatusCodeShouldBe(204);
        });
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { username = "reset.me", password = "Before#2026" }).ToUrl("/api/auth/token");
            s.StatusCodeShouldBe(401);
        });
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { username = "reset.me", password = "After#2026" }).ToUrl("/api/auth/token");
            s.StatusCodeShouldBe(200);
        });
        await using var session = app.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        var reset = Assert.IsType<AccountPasswordReset>(events[^1].Data);
        Assert.Equal("town.nanxiang", events[^1].UserName);
        Assert.Equal("南翔镇安监 张明", reset.By.Name);
    }

    [Fact]
    public async Task a_stale_if_match_is_a_409_and_appends_nothing()
    {
        await using var session = app.Store.QuerySession();
        var inspector = await session.Query<UserAccount>().SingleAsync(a => a.Username == "inspector.nanxiang");
        var result = await app.As("district.admin", s =>
        {
            s.Post.Json(new { reason = "stale" }).ToUrl($"/api/users/{inspector.Id}/disable");
            s.WithRequestHeader("If-Match", "\"7\"");
            s.StatusCodeShouldBe(409);
        });
        Assert.Equal(1, result.ShouldBeProblem(409).GetProperty("currentVersion").GetInt64());
        var state = await session.Events.FetchStreamStateAsync(inspector.Id);
        Assert.Equal(1, state!.Version);
    }
}

public class when_retrying_creates(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task an_idempotency_key_returns_the_first_account_and_a_changed_body_is_422()
    {
        await using var session = app.Store.QuerySession();
        var nanxiang = await session.Query<Organisation>().SingleAsync(o => o.Name == "南翔镇");
        var key = Guid.NewGuid().ToString();
        object Body(string name) => new { username = name, displayName = "重试", password = "Retry#2026", role = "ThirdPartyInspector", organisationId = nanxiang.Id };
        async Task<Alba.IScenarioResult> Post(object body, int status) => await app.As("town.nanxiang", s =>
        {
            s.Post.Json(body).ToUrl("/api/users");
            s.WithRequestHeader("Idempotency-Key", key);
            s.StatusCodeShouldBe(status);
        });

        var first = await Post(Body("retry.user"), 201);
        var again = await Post(Body("retry.user"), 201);
        Assert.Equal(first.Json().GetProperty("id").GetGuid(), again.Json().GetProperty("id").GetGuid());
        Assert.Equal("true", again.Context.Response.Headers["Idempotent-Replayed"].ToString());
        await Post(Body("retry.other"), 422);
        await using var check = app.Store.QuerySession();
        Assert.Equal(1, await check.Query<UserAccount>().CountAsync(a => a.Username == "retry.user"));
        Assert.False(await check.Query<UserAccount>().AnyAsync(a => a.Username == "retry.other"));
    }
}
