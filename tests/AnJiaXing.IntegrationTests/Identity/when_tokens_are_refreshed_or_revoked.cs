using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Hazards;
using AnJiaXing.IntegrationTests.Infrastructure;

namespace AnJiaXing.IntegrationTests.Identity;

/// <summary>
/// Short access tokens with one-use refresh tokens, and revocation: a password reset or a role change ends an account's
/// access and refresh tokens at once (the security stamp they carry no longer matches).
/// </summary>
public class when_tokens_are_refreshed_or_revoked(HazardFixture app) : IClassFixture<HazardFixture>
{
    private async Task<JsonElement> SignIn(string username, string password = HazardFixture.Password)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { username, password }).ToUrl("/api/auth/token");
            s.StatusCodeShouldBe(200);
        });
        return result.Json();
    }

    private Task<IScenarioResult> Refresh(string refreshToken, int status) => app.Host.Scenario(s =>
    {
        s.Post.Json(new { refreshToken }).ToUrl("/api/auth/refresh");
        s.StatusCodeShouldBe(status);
    });

    private Task<IScenarioResult> Me(string accessToken, int status) => app.Host.Scenario(s =>
    {
        s.WithRequestHeader("Authorization", $"Bearer {accessToken}");
        s.Get.Url("/api/me");
        s.StatusCodeShouldBe(status);
    });

    [Fact]
    public async Task a_sign_in_answers_a_short_access_token_and_a_refresh_token_that_works_once()
    {
        var first = await SignIn("ent.a1");
        var expires = first.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(16));
        Assert.True(first.GetProperty("refreshExpiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(6));

        var second = (await Refresh(first.GetProperty("refreshToken").GetString()!, 200)).Json();
        await Me(second.GetProperty("accessToken").GetString()!, 200);
        Assert.NotEqual(first.GetProperty("refreshToken").GetString(), second.GetProperty("refreshToken").GetString());

        // The first refresh token was replaced: using it again means it was copied, and the whole sign-in ends.
        await Refresh(first.GetProperty("refreshToken").GetString()!, 401);
        await Refresh(second.GetProperty("refreshToken").GetString()!, 401);
        var unknown = (await Refresh("not-a-token", 401)).ShouldBeProblem(401);
        Assert.Equal("刷新令牌无效、已过期或已被撤销，请重新登录。", unknown.GetProperty("detail").GetString());
        var english = (await app.Host.Scenario(s =>
        {
            s.WithRequestHeader("Accept-Language", "en");
            s.Post.Json(new { refreshToken = "not-a-token" }).ToUrl("/api/auth/refresh");
            s.StatusCodeShouldBe(401);
        })).ShouldBeProblem(401);
        Assert.Equal("The refresh token is invalid, expired or revoked; sign in again.", english.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task a_password_reset_ends_the_accounts_tokens_at_once()
    {
        var session = await SignIn("ent.a2");
        var access = session.GetProperty("accessToken").GetString()!;
        await Me(access, 200);

        await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { newPassword = "Reset#20262x" }).ToUrl($"/api/users/{app.Users["ent.a2"]}/reset-password");
            s.StatusCodeShouldBe(204);
        });

        await Me(access, 401);
        await Refresh(session.GetProperty("refreshToken").GetString()!, 401);
        var fresh = await SignIn("ent.a2", "Reset#20262x");
        await Me(fresh.GetProperty("accessToken").GetString()!, 200);
    }

    [Fact]
    public async Task a_role_change_ends_the_accounts_tokens_at_once()
    {
        var session = await SignIn("inspector.nanxiang", "Demo#2026");
        var access = session.GetProperty("accessToken").GetString()!;
        await Me(access, 200);

        var town = (await app.As("inspector.nanxiang", s => s.Get.Url("/api/me"))).Json().GetProperty("organisationId").GetGuid();
        await app.As("district.admin", s =>
        {
            s.Post.Json(new { role = "TownSupervisor", organisationId = town }).ToUrl($"/api/users/{app.Users["inspector.nanxiang"]}/role");
            s.StatusCodeShouldBe(200);
        });

        await Me(access, 401);
        await Refresh(session.GetProperty("refreshToken").GetString()!, 401);
    }
}
