using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;

namespace AnJiaXing.IntegrationTests.Hazards;

/// <summary>Readable steps over the hazard API for the scenarios.</summary>
public static class HazardSteps
{
    public static object GeneralReport(Guid enterpriseId, string source = "SelfInspection", string description = "二楼配电箱门缺失，线路裸露") => new
    {
        enterpriseId, level = "General", category = "Electrical", description, location = "二号车间", source, evidenceIds = Array.Empty<Guid>()
    };

    public static object MajorReport(Guid enterpriseId) => new
    {
        enterpriseId, level = "Major", category = "HazardousChemicals",
        description = "甲类仓库内危险化学品超量储存，未设置可燃气体报警装置", location = "甲类仓库", source = "ThirdPartyInspection",
        legalBasis = "《化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）》第十五条", evidenceIds = Array.Empty<Guid>()
    };

    public static async Task<Guid> Report(this HazardFixture app, string username, object body)
    {
        var result = await app.As(username, s =>
        {
            s.Post.Json(body).ToUrl("/api/hazards");
            s.StatusCodeShouldBe(201);
        });
        return result.Json().GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> Act(this HazardFixture app, string username, Guid id, string action, object? body, int status = 200)
    {
        var result = await app.As(username, s =>
        {
            s.Post.Json(body ?? new { }).ToUrl($"/api/hazards/{id}/{action}");
            s.StatusCodeShouldBe(status);
        });
        return result.Json();
    }

    public static async Task<JsonElement> Get(this HazardFixture app, string username, Guid id, string query = "")
    {
        var result = await app.As(username, s => s.Get.Url($"/api/hazards/{id}{query}"));
        return result.Json();
    }

    public static async Task<string> Status(this HazardFixture app, Guid id) =>
        (await app.Get("district.admin", id)).GetProperty("status").GetString()!;

    public static async Task<long> EventCount(this HazardFixture app, Guid id)
    {
        await using var session = app.Store.QuerySession();
        return (await session.Events.FetchStreamStateAsync(id))?.Version ?? 0;
    }

    public static object Assignment(this HazardFixture app, string responsible, bool major = false) => new
    {
        responsibleUserId = app.Users[responsible],
        deadline = app.Clock.GetUtcNow().AddDays(7),
        measures = major ? "停用甲类仓库，转移超量物料，加装可燃气体报警" : "更换配电箱门",
        funds = major ? 80000m : (decimal?)null,
        contingencyPlan = major ? "专人值守，配置灭火器材，制定应急处置方案" : null
    };
}
