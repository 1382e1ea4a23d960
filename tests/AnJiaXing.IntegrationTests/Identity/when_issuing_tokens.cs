using Alba;
using Marten;
using AnJiaXing.IntegrationTests.Infrastructure;

namespace AnJiaXing.IntegrationTests.Identity;

public class when_issuing_tokens(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task a_good_password_gets_a_token_that_names_the_caller()
    {
        var token = await app.TokenFor("town.nanxiang");
        var me = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/me");
            s.WithRequestHeader("Authorization", $"Bearer {token}");
        });
        var body = me.Json();
        Assert.Equal("town.nanxiang", body.GetProperty("username").GetString());
        Assert.Equal("TownSupervisor", body.GetProperty("role").GetString());
        Assert.Equal("南翔镇", body.GetProperty("organisationName").GetString());
    }

    [Fact]
    public async Task a_bad_password_gets_401_problem_details()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { username = "town.nanxiang", password = "wrong-password1" }).ToUrl("/api/auth/token");
            s.StatusCodeShouldBe(401);
        });
        var chinese = result.ShouldBeProblem(401);
        Assert.Equal("未登录", chinese.GetProperty("title").GetString());
        Assert.Equal("用户名或密码错误，或该账号不能登录。", chinese.GetProperty("detail").GetString());

        var english = (await app.Host.Scenario(s =>
        {
            s.WithRequestHeader("Accept-Language", "en");
            s.Post.Json(new { username = "town.nanxiang", password = "wrong-password1" }).ToUrl("/api/auth/token");
            s.StatusCodeShouldBe(401);
        })).ShouldBeProblem(401);
        Assert.Equal("Unauthorized", english.GetProperty("title").GetString());
        Assert.Equal("The username or password is wrong, or the account may not sign in.", english.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task an_unknown_user_gets_401()
    {
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { username = "nobody.here", password = "Demo#2026" }).ToUrl("/api/auth/token");
            s.StatusCodeShouldBe(401);
        });
    }

    [Fact]
    public async Task a_disabled_account_gets_no_token_and_its_old_token_stops_working()
    {
        var districtId = await DistrictId();
        var created = await app.As("district.admin", s =>
        {
            s.Post.Json(new { username = "temp.disabled", displayName = "临时账号", password = "Temp#12345", role = "Auditor", organisationId = districtId })
                .ToUrl("/api/users");
            s.StatusCodeShouldBe(201);
        });
        var id = created.Json().GetProperty("id").GetGuid();
        var oldToken = await app.TokenFor("temp.disabled", "Temp#12345");

        var disabled = await app.As("district.admin", s =>
        {
            s.Post.Json(new { reason = "left the office" }).ToUrl($"/api/users/{id}/disable");
            s.StatusCodeShouldBe(200);
        });
        Assert.Equal(2, disabled.Json().GetProperty("version").GetInt32());
        Assert.False(disabled.Json().GetProperty("enabled").GetBoolean());

        var refused = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { username = "temp.disabled", password = "Temp#12345" }).ToUrl("/api/auth/token");
            s.StatusCodeShouldBe(401);
        });
        Assert.Equal("该账号已停用。", refused.ShouldBeProblem(401).GetProperty("detail").GetString());
        var refusedEnglish = await app.Host.Scenario(s =>
        {
            s.WithRequestHeader("Accept-Language", "en");
            s.Post.Json(new { username = "temp.disabled", password = "Temp#12345" }).ToUrl("/api/auth/token");
            s.StatusCodeShouldBe(401);
        });
        Assert.Equal("The account is disabled.", refusedEnglish.ShouldBeProblem(401).GetProperty("detail").GetString());

        await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/me");
            s.WithRequestHeader("Authorization", $"Bearer {oldToken}");
            s.StatusCodeShouldBe(401);
        });

        await app.As("district.admin", s =>
        {
            s.Post.Url($"/api/users/{id}/enable");
            s.StatusCodeShouldBe(200);
        });
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { username = "temp.disabled", password = "Temp#12345" }).ToUrl("/api/auth/token");
            s.StatusCodeShouldBe(200);
        });
    }

    [Fact]
    public async Task a_missing_or_forged_token_gets_401()
    {
        await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/me");
            s.StatusCodeShouldBe(401);
        });
        await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/me");
            s.WithRequestHeader("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl");
            s.StatusCodeShouldBe(401);
        });
    }

    private async Task<Guid> DistrictId()
    {
        await using var session = app.Store.QuerySession();
        return (await session.Query<AnJiaXing.Platform.Organisations.Organisation>()
            .SingleAsync(o => o.Kind == AnJiaXing.Platform.Organisations.OrganisationKind.District)).Id;
    }
}
