using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Hazards;
using AnJiaXing.IntegrationTests.Infrastructure;
using Wolverine.Tracking;

namespace AnJiaXing.IntegrationTests.Inspections;

/// <summary>Readable steps over the inspection API for the scenarios.</summary>
public static class InspectionSteps
{
    public static readonly Guid ChemicalsChecklist = StableId.For("checklist:industry.hazardous-chemicals");
    public static readonly Guid ConstructionChecklist = StableId.For("checklist:industry.construction-sites");

    public static async Task<Guid> Start(this HazardFixture app, string username, object body)
    {
        var result = await app.As(username, s =>
        {
            s.Post.Json(body).ToUrl("/api/inspections");
            s.StatusCodeShouldBe(201);
        });
        return result.Json().GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> Record(this HazardFixture app, string username, Guid id, object body, int status = 200)
    {
        var result = await app.As(username, s =>
        {
            s.Post.Json(body).ToUrl($"/api/inspections/{id}/items");
            s.StatusCodeShouldBe(status);
        });
        return result.Json();
    }

    /// <summary>Submits and waits until every message the submit cascaded (the findings) has been handled.</summary>
    public static async Task<JsonElement> Submit(this HazardFixture app, string username, Guid id, int status = 200)
    {
        IScenarioResult? result = null;
        await app.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).DoNotAssertOnExceptionsDetected()
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async _ =>
            {
                result = await app.As(username, s =>
                {
                    s.Post.Json(new { }).ToUrl($"/api/inspections/{id}/submit");
                    s.StatusCodeShouldBe(status);
                });
            }));
        return result!.Json();
    }

    public static async Task<JsonElement> Inspection(this HazardFixture app, string username, Guid id)
    {
        var result = await app.As(username, s => s.Get.Url($"/api/inspections/{id}"));
        return result.Json();
    }

    public static object Item(string code, string result, string? notes = null, string? level = null) =>
        new { itemCode = code, result, notes, level, evidenceIds = Array.Empty<Guid>() };

    public static object Finding(string content, string result = "NonCompliant", string? category = null) =>
        new { content, result, category, evidenceIds = Array.Empty<Guid>() };
}
