using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Hazards;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;

namespace AnJiaXing.IntegrationTests.Notices;

/// <summary>Readable steps over the notices API.</summary>
public static class NoticeSteps
{
    public static async Task<Guid> Send(this AppFixture app, string username, object body)
    {
        var result = await app.As(username, s =>
        {
            s.Post.Json(body).ToUrl("/api/notices");
            s.StatusCodeShouldBe(201);
        });
        return result.Json().GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> Call(this AppFixture app, string username, string method, string url, object? body = null, int status = 200)
    {
        var result = await app.As(username, s =>
        {
            if (method == "GET") s.Get.Url(url);
            else s.Post.Json(body ?? new { }).ToUrl(url);
            s.StatusCodeShouldBe(status);
        });
        return status == 200 || status == 201 ? result.Json() : default;
    }

    public static async Task<Guid> OrganisationId(this AppFixture app, string name)
    {
        await using var session = app.Store.QuerySession();
        return (await session.Query<Organisation>().SingleAsync(o => o.Name == name)).Id;
    }

    public static async Task<Guid> PersonId(this AppFixture app, string username)
    {
        await using var session = app.Store.QuerySession();
        return (await session.Query<Person>().SingleAsync(p => p.Username == username)).Id;
    }

    public static async Task<List<JsonElement>> Inbox(this AppFixture app, string username, string query = "") =>
        (await app.Call(username, "GET", $"/api/inbox{query}")).GetProperty("items").EnumerateArray().ToList();
}
