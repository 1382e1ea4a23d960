using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;

namespace AnJiaXing.IntegrationTests.Hazards;

/// <summary>domain.md's "Who may do what": every actor outside a rule gets 403 (or 404 outside scope), every illegal step 409, and nothing is appended.</summary>
public class when_refusing_hazard_commands(HazardFixture app) : IClassFixture<HazardFixture>
{
    private async Task Refused(string username, Guid id, string action, object? body, int status)
    {
        var before = await app.EventCount(id);
        var result = await app.As(username, s =>
        {
            s.Post.Json(body ?? new { }).ToUrl($"/api/hazards/{id}/{action}");
            s.StatusCodeShouldBe(status);
        });
        result.ShouldBeProblem(status);
        Assert.Equal(before, await app.EventCount(id));
    }

    [Theory]
    [InlineData("town.nanxiang", 403)]     // a town confirms no major hazard
    [InlineData("inspector.nanxiang", 403)]
    [InlineData("ent.a1", 403)]
    [InlineData("auditor", 403)]           // auditors read, never act
    [InlineData("dept.construction", 404)] // another domain: the hazard is outside its scope
    [InlineData("town.anting", 404)]       // another town
    [InlineData("ent.b1", 404)]            // another enterprise
    public async Task only_the_department_of_the_domain_or_the_district_confirms_a_major_hazard(string username, int status)
    {
        var id = await app.Report("inspector.nanxiang", HazardSteps.MajorReport(app.NanxiangChemicals));
        await Refused(username, id, "confirm", null, status);
        await Refused(username, id, "dismiss", new { reason = "x" }, status);
        await Refused(username, id, "downgrade", new { reason = "x" }, status);
    }

    /// <summary>The role refusal names the level and the action in the caller's words, not the code's enum names (issue 13).</summary>
    [Fact]
    public async Task a_role_refusal_is_worded_in_the_callers_language()
    {
        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        async Task<string> Refusal(string? language) => (await app.As("ent.a1", s =>
        {
            if (language is not null) s.WithRequestHeader("Accept-Language", language);
            s.Post.Json(new { reason = "扩大影响" }).ToUrl($"/api/hazards/{id}/escalate");
            s.StatusCodeShouldBe(403);
        })).ShouldBeProblem(403).GetProperty("detail").GetString()!;

        Assert.Equal("您的角色无权对该一般隐患执行“升级”。", await Refusal(null));
        Assert.Equal("Your role may not escalate this general hazard.", await Refusal("en"));
    }

    [Theory]
    [InlineData("inspector.nanxiang", "assign")]
    [InlineData("dept.emergency", "assign")]   // a general hazard: the department does not assign
    [InlineData("auditor", "assign")]
    [InlineData("district.admin", "assign")]
    [InlineData("town.nanxiang", "designate-rechecker")]
    [InlineData("ent.a1", "escalate")]
    [InlineData("inspector.nanxiang", "escalate")]
    [InlineData("town.nanxiang", "closure-request")]
    public async Task roles_outside_the_table_get_403_on_a_general_hazard(string username, string action)
    {
        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        object body = action switch
        {
            "assign" => app.Assignment("ent.a2"),
            "designate-rechecker" => new { userId = app.Users["ent.a2"] },
            "escalate" => new { reason = "升级" },
            _ => new { }
        };
        await Refused(username, id, action, body, 403);
    }

    [Fact]
    public async Task rechecks_and_closure_decisions_are_for_the_rule_s_people_only()
    {
        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        await app.Act("town.nanxiang", id, "assign", app.Assignment("ent.a2"));
        await app.Act("ent.a2", id, "rectification", new { description = "已整改" });
        await Refused("ent.a1", id, "recheck", new { passed = true }, 403);       // not the designated rechecker
        await Refused("dept.emergency", id, "recheck", new { passed = true }, 403); // general: no department recheck
        await Refused("town.anting", id, "recheck", new { passed = true }, 404);
        await app.Act("ent.a1", id, "designate-rechecker", new { userId = app.Users["ent.a2"] });
        await app.Act("ent.a2", id, "recheck", new { passed = true });
        await Refused("inspector.nanxiang", id, "closure-decision", new { approved = true }, 403);
        await Refused("dept.emergency", id, "closure-decision", new { approved = true }, 403);
        await app.Act("town.nanxiang", id, "closure-decision", new { approved = true });
    }

    [Fact]
    public async Task illegal_steps_are_409_with_the_current_status_and_version()
    {
        var general = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        var problem = await app.Act("dept.emergency", general, "confirm", null, 409);
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.Equal("Reported", problem.GetProperty("currentStatus").GetString());
        Assert.Equal(1, problem.GetProperty("currentVersion").GetInt64());
        await Refused("inspector.nanxiang", general, "recheck", new { passed = true }, 409);
        await Refused("ent.a1", general, "closure-request", null, 403); // the table has nobody for a general one
        await Refused("town.nanxiang", general, "closure-decision", new { approved = true }, 409);

        var major = await app.Report("inspector.nanxiang", HazardSteps.MajorReport(app.NanxiangChemicals));
        await Refused("ent.a1", major, "rectification", new { description = "想直接整改" }, 409);
        await Refused("ent.a1", major, "assign", app.Assignment("ent.a2", major: true), 409);
        await app.Act("dept.emergency", major, "confirm", null);
        await Refused("dept.emergency", major, "confirm", null, 409);
        await Refused("town.nanxiang", major, "escalate", new { reason = "x" }, 403);
    }

    [Fact]
    public async Task a_major_assignment_without_the_five_in_place_is_a_400()
    {
        var major = await app.Report("inspector.nanxiang", HazardSteps.MajorReport(app.NanxiangChemicals));
        await app.Act("dept.emergency", major, "confirm", null);
        var before = await app.EventCount(major);
        var problem = await app.Act("ent.a1", major, "assign", app.Assignment("ent.a2"), 400);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("funds", out _));
        Assert.True(errors.TryGetProperty("contingencyPlan", out _));
        Assert.Equal(before, await app.EventCount(major));
    }

    [Fact]
    public async Task reports_are_refused_outside_role_and_scope()
    {
        await app.As("district.admin", s => { s.Post.Json(HazardSteps.GeneralReport(app.NanxiangChemicals, "SupervisionInspection")).ToUrl("/api/hazards"); s.StatusCodeShouldBe(403); });
        await app.As("auditor", s => { s.Post.Json(HazardSteps.GeneralReport(app.NanxiangChemicals, "SupervisionInspection")).ToUrl("/api/hazards"); s.StatusCodeShouldBe(403); });
        await app.As("town.anting", s => { s.Post.Json(HazardSteps.GeneralReport(app.NanxiangChemicals, "SupervisionInspection")).ToUrl("/api/hazards"); s.StatusCodeShouldBe(404); });
        await app.As("ent.b1", s => { s.Post.Json(HazardSteps.GeneralReport(app.NanxiangChemicals)).ToUrl("/api/hazards"); s.StatusCodeShouldBe(404); });
        var wrongSource = await app.As("ent.a1", s => { s.Post.Json(HazardSteps.GeneralReport(app.NanxiangChemicals, "LawEnforcement")).ToUrl("/api/hazards"); s.StatusCodeShouldBe(400); });
        Assert.True(wrongSource.ShouldBeProblem(400).GetProperty("errors").TryGetProperty("source", out _));
        var invalid = await app.As("town.nanxiang", s => { s.Post.Json(new { enterpriseId = app.NanxiangChemicals, level = "General", category = "Fire", description = "", source = "QuickCheck" }).ToUrl("/api/hazards"); s.StatusCodeShouldBe(400); });
        Assert.True(invalid.ShouldBeProblem(400).GetProperty("errors").TryGetProperty("description", out _));
    }

    [Fact]
    public async Task reading_outside_scope_is_404()
    {
        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        foreach (var outsider in new[] { "town.anting", "ent.b1", "dept.construction" })
        {
            await app.As(outsider, s => { s.Get.Url($"/api/hazards/{id}"); s.StatusCodeShouldBe(404); });
            await app.As(outsider, s => { s.Get.Url($"/api/hazards/{id}/history"); s.StatusCodeShouldBe(404); });
        }
        foreach (var insider in new[] { "town.nanxiang", "inspector.nanxiang", "dept.emergency", "auditor", "district.admin", "ent.a2" })
            await app.As(insider, s => { s.Get.Url($"/api/hazards/{id}"); s.StatusCodeShouldBe(200); });
    }
}
