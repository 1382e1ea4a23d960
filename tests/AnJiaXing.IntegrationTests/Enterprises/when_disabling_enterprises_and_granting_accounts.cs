using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;

namespace AnJiaXing.IntegrationTests.Enterprises;

public class when_disabling_enterprises_and_granting_accounts(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<IScenarioResult> Token(string username, string password, int status) => await app.Host.Scenario(s =>
    {
        s.Post.Json(new { username, password }).ToUrl("/api/auth/token");
        s.StatusCodeShouldBe(status);
    });

    [Fact]
    public async Task a_granted_account_signs_in_sees_only_its_enterprise_and_is_refused_once_the_enterprise_is_disabled()
    {
        var id = await app.Register("town.nanxiang", "上海停用测试有限公司", "南翔镇", "HazardousChemicals");
        var other = await app.Register("town.nanxiang", "上海邻居企业有限公司", "南翔镇", "HazardousChemicals");
        var granted = await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { username = "ent.disable1", displayName = "停用测试 安全员", password = "Ent#2026pw" }).ToUrl($"/api/enterprises/{id}/accounts");
            s.StatusCodeShouldBe(201);
        });
        var accountId = granted.Json().GetProperty("id").GetGuid();

        var token = (await Token("ent.disable1", "Ent#2026pw", 200)).Json().GetProperty("accessToken").GetString();
        await app.Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            s.Get.Url($"/api/enterprises/{id}");
            s.StatusCodeShouldBe(200);
        });
        await app.Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            s.Get.Url($"/api/enterprises/{other}");
            s.StatusCodeShouldBe(404);
        });
        var own = await app.Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            s.Get.Url("/api/enterprises");
        });
        Assert.Equal(id, Assert.Single(own.Json().GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        var accounts = await app.As("town.nanxiang", s => s.Get.Url($"/api/enterprises/{id}/accounts"));
        Assert.Equal(accountId, Assert.Single(accounts.Json().GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        var disabled = await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { reason = "停产整顿" }).ToUrl($"/api/enterprises/{id}/disable");
            s.WithRequestHeader("If-Match", "\"2\"");
            s.StatusCodeShouldBe(200);
        });
        Assert.Equal(3, disabled.Json().GetProperty("version").GetInt64());
        Assert.Equal("\"3\"", disabled.Context.Response.Headers.ETag.ToString());

        (await Token("ent.disable1", "Ent#2026pw", 401)).ShouldBeProblem(401);
        await app.Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            s.Get.Url("/api/me");
            s.StatusCodeShouldBe(401);
        });

        var read = (await app.As("town.nanxiang", s => s.Get.Url($"/api/enterprises/{id}"))).Json();
        Assert.False(read.GetProperty("enabled").GetBoolean());
        Assert.Equal("停产整顿", read.GetProperty("disabledReason").GetString());
        await app.As("town.nanxiang", s => { s.Post.Json(new { reason = "again" }).ToUrl($"/api/enterprises/{id}/disable"); s.StatusCodeShouldBe(409); });
        await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { username = "ent.disable2", displayName = "x", password = "Ent#2026pw" }).ToUrl($"/api/enterprises/{id}/accounts");
            s.StatusCodeShouldBe(409);
        });

        await app.As("town.nanxiang", s => { s.Post.Url($"/api/enterprises/{id}/enable"); s.StatusCodeShouldBe(200); });
        await Token("ent.disable1", "Ent#2026pw", 200);

        await using var session = app.Store.QuerySession();
        Assert.False(await session.Query<UserAccount>().AnyAsync(a => a.Username == "ent.disable2"));
        var types = (await session.Events.FetchStreamAsync(id)).Select(e => e.Data.GetType()).ToArray();
        Assert.Equal([typeof(EnterpriseRegistered), typeof(EnterpriseAccountGranted), typeof(EnterpriseDisabled), typeof(EnterpriseEnabled)], types);
    }

    [Fact]
    public async Task a_town_supervisor_resets_the_password_of_an_enterprise_user_of_their_town_but_not_of_another()
    {
        var id = await app.Register("town.anting", "上海重置密码测试有限公司", "安亭镇");
        var granted = await app.As("town.anting", s =>
        {
            s.Post.Json(new { username = "ent.reset1", displayName = "重置 安全员", password = "Old#2026pw" }).ToUrl($"/api/enterprises/{id}/accounts");
            s.StatusCodeShouldBe(201);
        });
        var accountId = granted.Json().GetProperty("id").GetGuid();

        await app.As("town.nanxiang", s => { s.Post.Json(new { newPassword = "Bad#2026pw" }).ToUrl($"/api/users/{accountId}/reset-password"); s.StatusCodeShouldBe(403); });
        await app.As("town.nanxiang", s => { s.Get.Url($"/api/enterprises/{id}/accounts"); s.StatusCodeShouldBe(404); });
        await app.As("town.anting", s => { s.Post.Json(new { newPassword = "New#2026pw" }).ToUrl($"/api/users/{accountId}/reset-password"); s.StatusCodeShouldBe(204); });

        await Token("ent.reset1", "Old#2026pw", 401);
        await Token("ent.reset1", "New#2026pw", 200);
    }

    [Fact]
    public async Task a_taken_username_is_409_and_the_enterprise_stream_gets_no_grant()
    {
        var id = await app.Register("district.admin", "上海用户名冲突有限公司", "江桥镇");
        await app.As("district.admin", s =>
        {
            s.Post.Json(new { username = "town.nanxiang", displayName = "冒名", password = "Ent#2026pw" }).ToUrl($"/api/enterprises/{id}/accounts");
            s.StatusCodeShouldBe(409);
        });
        await using var session = app.Store.QuerySession();
        Assert.Equal(1, (await session.Events.FetchStreamStateAsync(id))!.Version);
    }
}
