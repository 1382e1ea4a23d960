using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;

namespace AnJiaXing.IntegrationTests.Emergency;

/// <summary>Helpers over the demo district: organisation ids by name, and creating register entries over HTTP.</summary>
public static class EmergencySteps
{
    public static async Task<Guid> OrganisationOf(this AppFixture app, string username)
    {
        await using var session = app.Store.QuerySession();
        return (await session.Query<Person>().SingleAsync(p => p.Username == username)).OrganisationId;
    }

    public static async Task<Guid> TownNamed(this AppFixture app, string name)
    {
        await using var session = app.Store.QuerySession();
        return (await session.Query<Organisation>().SingleAsync(o => o.Name == name && o.Kind == OrganisationKind.Town)).Id;
    }

    /// <summary>A body every register accepts (each register's required fields filled).</summary>
    public static Dictionary<string, object?> Entry(string name, Guid? enterpriseId = null, Guid? townId = null, double? lat = null, double? lon = null) => new()
    {
        ["name"] = name, ["enterpriseId"] = enterpriseId, ["townId"] = townId, ["category"] = "测试类别", ["location"] = "测试地点",
        ["latitude"] = lat, ["longitude"] = lon, ["quantity"] = 10, ["unit"] = "件", ["members"] = 5, ["leader"] = "负责人",
        ["phone"] = "021-59000000", ["speciality"] = "消防"
    };

    public static async Task<(Guid Id, IScenarioResult Result)> Create(this AppFixture app, string asUser, string register, object body, int status = 201)
    {
        var result = await app.As(asUser, s =>
        {
            s.Post.Json(body).ToUrl($"/api/emergency/{register}");
            s.StatusCodeShouldBe(status);
        });
        return (status == 201 ? result.Json().GetProperty("id").GetGuid() : Guid.Empty, result);
    }

    public static async Task<JsonElement> Get(this AppFixture app, string asUser, string url, int status = 200)
    {
        var result = await app.As(asUser, s =>
        {
            s.Get.Url(url);
            s.StatusCodeShouldBe(status);
        });
        return result.Json();
    }

    public static IEnumerable<string> Names(this JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("details").GetProperty("name").GetString()!);

    // A valid 1x1 PNG.
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /// <summary>Uploads the PNG (or <paramref name="png"/>) through POST /api/evidence as the user; the evidence id.</summary>
    public static async Task<Guid> UploadEvidence(this AppFixture app, string username, byte[]? png = null)
    {
        var token = await app.TokenFor(username);
        using var client = app.Host.Server.CreateClient();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(png ?? Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "现场照片.png");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/evidence") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Sends a request that must be refused with a 400 naming <paramref name="field"/>, and checks by its correlation id
    /// that it appended no event (the host appends by itself meanwhile, so all events are never counted).
    /// </summary>
    public static async Task<JsonElement> ShouldRefuse(this AppFixture app, string username, Action<Scenario> send, string field)
    {
        var correlation = "test" + Guid.NewGuid().ToString("N");
        var result = await app.As(username, s =>
        {
            s.WithRequestHeader("X-Correlation-Id", correlation);
            send(s);
            s.StatusCodeShouldBe(400);
        });
        var problem = result.ShouldBeProblem(400);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {result.ReadAsText()}");
        Assert.Equal(0L, await app.EventsOf(correlation));
        return problem;
    }

    /// <summary>How many events the request sent with this X-Correlation-Id appended.</summary>
    public static async Task<long> EventsOf(this AppFixture app, string correlation)
    {
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            $"select count(*) from {app.Store.Options.Events.DatabaseSchemaName}.mt_events where correlation_id = $1", connection);
        command.Parameters.AddWithValue(correlation);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
