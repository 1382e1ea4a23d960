using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Enterprises;
using AnJiaXing.IntegrationTests.Inspections;
using Marten;
using Xunit.Abstractions;

namespace AnJiaXing.IntegrationTests.Infrastructure;

/// <summary>The demo district, on a database of this class's own.</summary>
public sealed class IdempotencyFixture : AppFixture
{
    public async Task<Organisation> Organisation(string name)
    {
        await using var session = Store.QuerySession();
        return await session.Query<Organisation>().SingleAsync(o => o.Name == name);
    }
}

/// <summary>
/// <c>Idempotency-Key</c> on the create endpoints: one policy, keyed by caller, route template (and route values) and
/// key. Every test uses a fresh key and a body of its own, so the tests of the class share one host.
/// </summary>
public class when_retrying_with_an_idempotency_key(IdempotencyFixture app, ITestOutputHelper output) : IClassFixture<IdempotencyFixture>
{
    private const string Chemicals = "上海嘉翔精细化工有限公司";

    private async Task<object> HazardBody(string description) => new
    {
        enterpriseId = (await app.Organisation(Chemicals)).Id, level = "General", category = "Fire", description,
        location = "一号仓库", source = "SupervisionInspection", evidenceIds = Array.Empty<Guid>()
    };

    private Task<IScenarioResult> Post(string asUser, string url, object body, string key, int status) => app.As(asUser, s =>
    {
        s.Post.Json(body).ToUrl(url);
        s.WithRequestHeader("Idempotency-Key", key);
        s.StatusCodeShouldBe(status);
    });

    private async Task<int> HazardStreams(string description)
    {
        await using var session = app.Store.QuerySession();
        return await session.Events.QueryRawEventDataOnly<HazardReported>().CountAsync(e => e.Description == description);
    }

    [Fact]
    public async Task a_retry_returns_the_first_answer_and_starts_no_second_stream()
    {
        var key = Guid.NewGuid().ToString();
        var body = await HazardBody("幂等重放：消防通道堵塞");

        var first = await Post("town.nanxiang", "/api/hazards", body, key, 201);
        var again = await Post("town.nanxiang", "/api/hazards", body, key, 201);

        var id = first.Json().GetProperty("id").GetGuid();
        Assert.Equal(id, again.Json().GetProperty("id").GetGuid());
        Assert.Equal(first.ReadAsText(), again.ReadAsText());
        Assert.Equal($"/api/hazards/{id}", again.Context.Response.Headers.Location.ToString());
        Assert.Equal(first.Context.Response.Headers.ETag.ToString(), again.Context.Response.Headers.ETag.ToString());
        Assert.False(first.Context.Response.Headers.ContainsKey("Idempotent-Replayed"));
        Assert.Equal("true", again.Context.Response.Headers["Idempotent-Replayed"].ToString());

        Assert.Equal(1, await HazardStreams("幂等重放：消防通道堵塞"));
        await using var session = app.Store.QuerySession();
        Assert.Single(await session.Events.FetchStreamAsync(id));
    }

    [Fact]
    public async Task the_same_key_with_another_body_is_a_422_and_creates_nothing()
    {
        var key = Guid.NewGuid().ToString();
        var town = (await app.Organisation("南翔镇")).Id;
        var code = EnterpriseTestData.NewCreditCode();
        await Post("town.nanxiang", "/api/enterprises", EnterpriseTestData.Body("上海幂等一号有限公司", code, town), key, 201);

        var changed = await Post("town.nanxiang", "/api/enterprises",
            EnterpriseTestData.Body("上海幂等二号有限公司", EnterpriseTestData.NewCreditCode(), town), key, 422);

        changed.ShouldBeProblem(422);
        await using var session = app.Store.QuerySession();
        Assert.False(await session.Events.QueryRawEventDataOnly<EnterpriseRegistered>().AnyAsync(e => e.Name == "上海幂等二号有限公司"));
    }

    [Fact]
    public async Task path_case_and_a_trailing_slash_are_one_scope()
    {
        var key = Guid.NewGuid().ToString();
        var body = await HazardBody("幂等路径：配电箱未接地");

        var first = await Post("town.nanxiang", "/api/hazards", body, key, 201);
        var upper = await Post("town.nanxiang", "/API/Hazards", body, key, 201);
        var slash = await Post("town.nanxiang", "/api/hazards/", body, key, 201);

        var id = first.Json().GetProperty("id").GetGuid();
        Assert.Equal(id, upper.Json().GetProperty("id").GetGuid());
        Assert.Equal(id, slash.Json().GetProperty("id").GetGuid());
        Assert.Equal(1, await HazardStreams("幂等路径：配电箱未接地"));
    }

    [Fact]
    public async Task route_values_are_part_of_the_scope_whatever_their_spelling()
    {
        var town = (await app.Organisation("南翔镇")).Id;
        var enterprise = (await Post("town.nanxiang", "/api/enterprises",
            EnterpriseTestData.Body("上海幂等账号有限公司", EnterpriseTestData.NewCreditCode(), town), Guid.NewGuid().ToString(), 201))
            .Json().GetProperty("id").GetGuid();
        var key = Guid.NewGuid().ToString();
        var body = new { username = "idem.account", displayName = "幂等 安全员", password = "Idem#2026pw" };

        var first = await Post("town.nanxiang", $"/api/enterprises/{enterprise}/accounts", body, key, 201);
        var again = await Post("town.nanxiang", $"/api/enterprises/{enterprise.ToString().ToUpperInvariant()}/accounts", body, key, 201);

        Assert.Equal(first.Json().GetProperty("id").GetGuid(), again.Json().GetProperty("id").GetGuid());
        Assert.Equal("true", again.Context.Response.Headers["Idempotent-Replayed"].ToString());
        await using var session = app.Store.QuerySession();
        Assert.Equal(1, await session.Query<UserAccount>().CountAsync(a => a.Username == "idem.account"));
    }

    [Fact]
    public async Task inspection_plans_honour_the_key()
    {
        var key = Guid.NewGuid().ToString();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var body = new
        {
            name = "幂等计划：节前检查", type = "Holiday", periodStart = today, periodEnd = today.AddDays(10),
            checklistId = InspectionSteps.ChemicalsChecklist,
            enterpriseIds = new[] { (await app.Organisation(Chemicals)).Id },
            inspectorIds = new[] { (await app.As("inspector.nanxiang", s => s.Get.Url("/api/me"))).Json().GetProperty("id").GetGuid() }
        };

        var first = await Post("district.admin", "/api/inspection-plans", body, key, 201);
        var again = await Post("district.admin", "/api/inspection-plans", body, key, 201);
        await Post("district.admin", "/api/inspection-plans", new { body.name, body.type, body.periodStart, periodEnd = today.AddDays(11),
            body.checklistId, body.enterpriseIds, body.inspectorIds }, key, 422);

        Assert.Equal(first.Json().GetProperty("id").GetGuid(), again.Json().GetProperty("id").GetGuid());
        await using var session = app.Store.QuerySession();
        Assert.Equal(1, await session.Events.QueryRawEventDataOnly<InspectionPlanned>().CountAsync(e => e.Name == "幂等计划：节前检查"));
    }

    [Fact]
    public async Task signing_key_registration_honours_the_key()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var body = new { publicKey = Convert.ToBase64String(ecdsa.ExportSubjectPublicKeyInfo()) };
        var key = Guid.NewGuid().ToString();

        var first = await Post("auditor", "/api/me/signing-keys", body, key, 200);
        var again = await Post("auditor", "/api/me/signing-keys", body, key, 200);

        Assert.Equal(first.ReadAsText(), again.ReadAsText());
        Assert.Equal("true", again.Context.Response.Headers["Idempotent-Replayed"].ToString());
        // Without the key the same registration is refused: the key really is what answered the retry.
        await app.As("auditor", s => { s.Post.Json(body).ToUrl("/api/me/signing-keys"); s.StatusCodeShouldBe(409); });
    }

    [Fact]
    public async Task keys_belong_to_their_caller()
    {
        var key = Guid.NewGuid().ToString();
        var body = await HazardBody("幂等调用者：灭火器过期");

        var town = await Post("town.nanxiang", "/api/hazards", body, key, 201);
        var inspector = await Post("inspector.nanxiang", "/api/hazards", body, key, 201);

        Assert.NotEqual(town.Json().GetProperty("id").GetGuid(), inspector.Json().GetProperty("id").GetGuid());
        Assert.False(inspector.Context.Response.Headers.ContainsKey("Idempotent-Replayed"));
        Assert.Equal(2, await HazardStreams("幂等调用者：灭火器过期"));
    }

    [Fact]
    public async Task concurrent_first_attempts_report_one_hazard()
    {
        var body = await HazardBody("幂等并发：危化品超量储存");
        var answers = await Race("town.nanxiang", "/api/hazards", body, 16);

        AssertOneWinner(answers);
        Assert.Equal(1, await HazardStreams("幂等并发：危化品超量储存"));
    }

    [Fact]
    public async Task concurrent_first_attempts_register_one_enterprise()
    {
        var town = (await app.Organisation("南翔镇")).Id;
        var answers = await Race("town.nanxiang", "/api/enterprises",
            EnterpriseTestData.Body("上海幂等并发有限公司", EnterpriseTestData.NewCreditCode(), town), 16);

        AssertOneWinner(answers);
        await using var session = app.Store.QuerySession();
        Assert.Equal(1, await session.Events.QueryRawEventDataOnly<EnterpriseRegistered>().CountAsync(e => e.Name == "上海幂等并发有限公司"));
    }

    [Fact]
    public async Task concurrent_first_attempts_create_one_account()
    {
        var town = (await app.Organisation("南翔镇")).Id;
        var answers = await Race("town.nanxiang", "/api/users",
            new { username = "idem.race", displayName = "并发 检查员", password = "Race#2026pw", role = "ThirdPartyInspector", organisationId = town }, 16);

        AssertOneWinner(answers);
        await using var session = app.Store.QuerySession();
        Assert.Equal(1, await session.Query<UserAccount>().CountAsync(a => a.Username == "idem.race"));
        Assert.Equal(1, await session.Events.QueryRawEventDataOnly<AccountCreated>().CountAsync(e => e.Username == "idem.race"));
    }

    private sealed record Answer(HttpStatusCode Status, Guid? Id, string? Location, bool Replayed, string? MediaType, string? Detail);

    /// <summary>The same key and body, sent <paramref name="count"/> times at once.</summary>
    private async Task<Answer[]> Race(string asUser, string url, object body, int count)
    {
        var token = await app.TokenFor(asUser);
        var key = Guid.NewGuid().ToString();
        using var client = app.Host.Server.CreateClient();
        using var start = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, count).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Idempotency-Key", key);
            await start.WaitAsync();
            using var response = await client.SendAsync(request);
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return new Answer(response.StatusCode,
                json.TryGetProperty("id", out var id) ? id.GetGuid() : null,
                response.Headers.Location?.ToString(),
                response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Contains("true"),
                response.Content.Headers.ContentType?.MediaType,
                json.TryGetProperty("detail", out var detail) ? detail.GetString() : null);
        }).ToArray();
        start.Release(count);
        return await Task.WhenAll(attempts);
    }

    /// <summary>One 201, every other answer the same 201 replayed or the 409 "same key still in progress" — never a 5xx, nor another conflict.</summary>
    private void AssertOneWinner(Answer[] answers)
    {
        output.WriteLine(string.Join(", ", answers.GroupBy(a => $"{(int)a.Status}{(a.Replayed ? " replayed" : "")}").Select(g => $"{g.Key} ×{g.Count()}")));
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.Conflict,
            $"Expected 201 or 409, got {(int)a.Status}."));
        var created = answers.Where(a => a.Status == HttpStatusCode.Created).ToArray();
        Assert.NotEmpty(created);
        Assert.Single(created.Select(a => a.Id).Distinct());
        Assert.Single(created.Select(a => a.Location).Distinct());
        Assert.Single(created, a => !a.Replayed);
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.Conflict), a =>
        {
            Assert.Equal("application/problem+json", a.MediaType);
            Assert.Contains("Idempotency-Key", a.Detail);
        });
    }
}
