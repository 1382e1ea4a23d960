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
}
