using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;

namespace AnJiaXing.IntegrationTests.Hazards;

public class when_commands_race_or_retry(HazardFixture app) : IClassFixture<HazardFixture>
{
    [Fact]
    public async Task twenty_concurrent_commands_against_one_version_leave_exactly_one_accepted()
    {
        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        var token = await app.TokenFor("town.nanxiang");
        using var client = app.Host.Server.CreateClient();

        var attempts = Enumerable.Range(0, 20).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/hazards/{id}/assign")
            {
                Content = JsonContent.Create(new
                {
                    responsibleUserId = app.Users["ent.a2"], deadline = app.Clock.GetUtcNow().AddDays(7 + i), measures = $"方案 {i}"
                })
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }).ToArray();
        var statuses = await Task.WhenAll(attempts);

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(19, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(2, await app.EventCount(id));
    }

    [Fact]
    public async Task a_stale_if_match_is_refused()
    {
        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        var read = await app.As("town.nanxiang", s => s.Get.Url($"/api/hazards/{id}"));
        Assert.Equal("\"1\"", read.Context.Response.Headers.ETag.ToString());
        await app.Act("town.nanxiang", id, "assign", app.Assignment("ent.a2"));
        await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { newDeadline = app.Clock.GetUtcNow().AddDays(60), reason = "延期" }).ToUrl($"/api/hazards/{id}/extend-deadline");
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(409);
        });
        var stale = await app.Act("town.nanxiang", id, "extend-deadline",
            new { newDeadline = app.Clock.GetUtcNow().AddDays(60), reason = "延期", expectedVersion = 1 }, 409);
        Assert.Equal(2, stale.GetProperty("currentVersion").GetInt64());
        await app.Act("town.nanxiang", id, "extend-deadline",
            new { newDeadline = app.Clock.GetUtcNow().AddDays(60), reason = "延期", expectedVersion = 2 });
    }

    [Fact]
    public async Task an_idempotent_retry_returns_the_same_id_and_a_changed_body_is_422()
    {
        var key = Guid.NewGuid().ToString();
        var body = HazardSteps.GeneralReport(app.NanxiangChemicals, description: "幂等测试：消防通道堵塞");
        async Task<IScenarioResult> Post(object b, int status) => await app.As("ent.a1", s =>
        {
            s.Post.Json(b).ToUrl("/api/hazards");
            s.WithRequestHeader("Idempotency-Key", key);
            s.StatusCodeShouldBe(status);
        });

        var first = await Post(body, 201);
        var second = await Post(body, 201);
        Assert.Equal(first.Json().GetProperty("id").GetGuid(), second.Json().GetProperty("id").GetGuid());
        Assert.Equal(first.Context.Response.Headers.Location.ToString(), second.Context.Response.Headers.Location.ToString());

        var changed = await Post(HazardSteps.GeneralReport(app.NanxiangChemicals, description: "另一个隐患"), 422);
        changed.ShouldBeProblem(422);

        await using var session = app.Store.QuerySession();
        Assert.Equal(1, await session.Query<HazardView>().CountAsync(h => h.Description == "幂等测试：消防通道堵塞"));
    }

    [Fact]
    public async Task a_disabled_enterprise_gets_no_new_hazards()
    {
        await using (var session = app.Store.LightweightSession())
        {
            var enterprise = Guid.CreateVersion7();
            var town = await session.Query<AnJiaXing.Platform.Organisations.Organisation>().SingleAsync(o => o.Name == "南翔镇");
            session.Events.StartStream(enterprise,
                new AnJiaXing.Registry.Contracts.EnterpriseRegistered(enterprise, "停业企业", "91310114MA1GT9999C", "某路", town.Id, town.Name,
                    [AnJiaXing.Platform.Organisations.IndustryDomain.IndustryAndTrade], null, null, null, null, null, null, AnJiaXing.Platform.Security.Actor.System),
                new AnJiaXing.Registry.Contracts.EnterpriseDisabled(enterprise, "停业", AnJiaXing.Platform.Security.Actor.System));
            await session.SaveChangesAsync();
            var problem = await app.As("town.nanxiang", s =>
            {
                s.Post.Json(HazardSteps.GeneralReport(enterprise, "SupervisionInspection")).ToUrl("/api/hazards");
                s.StatusCodeShouldBe(409);
            });
            Assert.Contains("已停用", problem.ShouldBeProblem(409).GetProperty("detail").GetString());
        }
    }
}
