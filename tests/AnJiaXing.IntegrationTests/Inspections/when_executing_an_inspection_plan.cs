using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using AnJiaXing.IntegrationTests.Hazards;
using AnJiaXing.IntegrationTests.Infrastructure;
using static AnJiaXing.IntegrationTests.Inspections.InspectionSteps;

namespace AnJiaXing.IntegrationTests.Inspections;

public class when_executing_an_inspection_plan(HazardFixture app) : IClassFixture<HazardFixture>
{
    private async Task<JsonElement> Plan(Guid id) =>
        (await app.As("district.admin", s => s.Get.Url($"/api/inspection-plans/{id}"))).Json();

    [Fact]
    public async Task two_inspectors_bring_the_plan_to_full_completion()
    {
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var created = await app.As("district.admin", s =>
        {
            s.Post.Json(new
            {
                name = "2026年冬季安全生产大检查", type = "SpecialAction", periodStart = today.AddDays(-1), periodEnd = today.AddDays(30),
                checklistId = ChemicalsChecklist,
                enterpriseIds = new[] { app.NanxiangChemicals, app.AntingConstruction },
                inspectorIds = new[] { app.Users["town.nanxiang"], app.Users["town.anting"] }
            }).ToUrl("/api/inspection-plans");
            s.StatusCodeShouldBe(201);
        });
        var planId = created.Json().GetProperty("id").GetGuid();
        var fresh = await Plan(planId);
        Assert.Equal(2, fresh.GetProperty("total").GetInt32());
        Assert.Equal(0, fresh.GetProperty("completed").GetInt32());

        // An inspector may not inspect another town's enterprise of the plan, nor start outside the plan's type.
        await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { kind = "SpecialAction", planId, enterpriseId = app.AntingConstruction }).ToUrl("/api/inspections");
            s.StatusCodeShouldBe(404);
        });
        await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { kind = "Routine", planId, enterpriseId = app.NanxiangChemicals }).ToUrl("/api/inspections");
            s.StatusCodeShouldBe(400);
        });

        var first = await app.Start("town.nanxiang", new { kind = "SpecialAction", planId, enterpriseId = app.NanxiangChemicals });
        await app.Record("town.nanxiang", first, new { items = new[] { Item("HC-01", "Compliant"), Item("HC-07", "NonCompliant", "罐区可燃气体报警器失效") } });
        await app.Submit("town.nanxiang", first);
        var half = await Plan(planId);
        Assert.Equal(1, half.GetProperty("completed").GetInt32());
        Assert.Equal(0.5, half.GetProperty("completionRate").GetDouble());

        var second = await app.Start("town.anting", new { kind = "SpecialAction", planId, enterpriseId = app.AntingConstruction });
        Assert.Equal(ChemicalsChecklist, (await app.Inspection("town.anting", second)).GetProperty("checklistId").GetGuid());
        await app.Record("town.anting", second, new { itemCode = "HC-02", result = "NotApplicable" });
        await app.Submit("town.anting", second);

        var done = await Plan(planId);
        Assert.Equal(2, done.GetProperty("completed").GetInt32());
        Assert.Equal(1.0, done.GetProperty("completionRate").GetDouble());
        Assert.Equal(2, done.GetProperty("submittedInspections").GetInt32());

        var records = (await app.As("district.admin", s => s.Get.Url($"/api/inspections?planId={planId}"))).Json();
        Assert.Equal(2, records.GetProperty("total").GetInt32());
        var mine = (await app.As("town.anting", s => s.Get.Url($"/api/inspection-plans?inspectorId={app.Users["town.anting"]}"))).Json();
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == planId);
        await app.As("inspector.nanxiang", s => { s.Get.Url($"/api/inspection-plans/{planId}"); s.StatusCodeShouldBe(404); });
    }

    [Fact]
    public async Task the_demo_seed_plans_and_inspects_the_demo_towns_enterprises()
    {
        // The host seeded the demo district at start-up, demo enterprises included.
        await using var query = app.Store.QuerySession();
        var plans = await query.Query<AnJiaXing.Inspections.Plans.InspectionPlan>().Where(p => p.Name.Contains("冬季安全生产专项检查")).ToListAsync();
        Assert.Equal(2, plans.Count);
        foreach (var plan in plans)
        {
            var records = await query.Query<InspectionRecord>().Where(r => r.PlanId == plan.Id).ToListAsync();
            Assert.NotEmpty(records);
            Assert.True(records.Count < plan.EnterpriseIds.Count, "one enterprise of each demo plan is left uninspected");
            foreach (var record in records)
            {
                Assert.Equal(InspectionStatus.Submitted, record.Status);
                Assert.NotEmpty(record.RaisedHazardIds);
                Assert.Equal(record.RaisedHazardIds.Count, await query.Query<HazardView>().Where(h => h.InspectionId == record.Id).CountAsync());
            }
        }
    }
}
