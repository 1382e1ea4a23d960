using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Hazards;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;

namespace AnJiaXing.IntegrationTests.Investigations;

/// <summary>The findings of an investigation over the record of <see cref="InvestigationFixture"/>, counted by hand.</summary>
public class when_investigating_accountability(InvestigationFixture app) : IClassFixture<InvestigationFixture>
{
    private async Task<JsonElement> Report(Guid id, string username = "auditor") =>
        (await app.As(username, s => s.Get.Url($"/api/investigations/{id}"))).Json();

    private static List<string> Types(JsonElement finding) =>
        finding.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("type").GetString()!).ToList();

    [Fact]
    public async Task an_enterprise_investigation_finds_every_inspection_hazard_and_step()
    {
        var id = await app.Open("auditor", app.OfEnterprise(app.NanxiangChemicals));
        var report = await Report(id);

        var summary = report.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("inspections").GetInt32());
        Assert.Equal(3, summary.GetProperty("inspectionItems").GetInt32());
        Assert.Equal(2, summary.GetProperty("nonCompliantItems").GetInt32());
        Assert.Equal(4, summary.GetProperty("hazards").GetInt32());          // H1, H2 from I1; H3; H4 — not H5 at 安亭建工
        Assert.Equal(1, summary.GetProperty("majorHazards").GetInt32());     // H4, escalated and confirmed
        Assert.Equal(0, summary.GetProperty("closedHazards").GetInt32());
        Assert.Equal(1, summary.GetProperty("overdueHazards").GetInt32());   // H3
        Assert.Equal(3, summary.GetProperty("overdueDays").GetInt32());      // deadline 7 days, clock moved 10
        Assert.Equal(1, summary.GetProperty("escalations").GetInt32());
        Assert.Equal(1, summary.GetProperty("personallySigned").GetInt32()); // the escalation
        Assert.Equal("Enterprise", report.GetProperty("scope").GetProperty("kind").GetString());
        Assert.Equal("南翔化工有限公司", report.GetProperty("scope").GetProperty("name").GetString());
        Assert.Equal("罐区事故责任调查", report.GetProperty("subject").GetString());

        var hazards = report.GetProperty("hazards").EnumerateArray().ToDictionary(h => h.GetProperty("id").GetGuid());
        Assert.Equal(4, hazards.Count);
        Assert.DoesNotContain(app.Elsewhere, hazards.Keys);

        var overdue = hazards[app.Overdue];
        Assert.Equal(["hazard_reported", "rectification_assigned"], Types(overdue));
        Assert.Equal("Rectifying", overdue.GetProperty("status").GetString());
        Assert.True(overdue.GetProperty("overdue").GetBoolean());
        Assert.Equal(3, overdue.GetProperty("overdueDays").GetInt32());
        Assert.Equal("企业用户 ent.a2", overdue.GetProperty("rectificationResponsible").GetString());
        var reported = overdue.GetProperty("steps")[0];
        Assert.Equal("隐患上报", reported.GetProperty("label").GetString());
        Assert.Equal("企业用户 ent.a1", reported.GetProperty("by").GetProperty("name").GetString());
        Assert.Equal("EnterpriseUser", reported.GetProperty("by").GetProperty("role").GetString());
        Assert.Equal("南翔化工有限公司", reported.GetProperty("by").GetProperty("organisationName").GetString());
        Assert.Equal("企业主体责任", reported.GetProperty("duty").GetString());
        // 三管三必须: the enterprise's responsible person, the town, the department of the domain.
        var responsible = overdue.GetProperty("responsible");
        Assert.Equal("安全负责人", responsible.GetProperty("enterpriseResponsiblePerson").GetString());
        Assert.Equal("南翔镇", responsible.GetProperty("townName").GetString());
        Assert.Equal(["应急局"], responsible.GetProperty("departments").EnumerateArray().Select(d => d.GetString()));

        var escalated = hazards[app.Escalated];
        Assert.Equal(["hazard_reported", "hazard_escalated", "hazard_confirmed"], Types(escalated));
        Assert.Equal("Major", escalated.GetProperty("level").GetString());
        Assert.Equal("Confirmed", escalated.GetProperty("status").GetString());
        Assert.Equal(1, escalated.GetProperty("escalations").GetInt32());
        Assert.False(escalated.GetProperty("overdue").GetBoolean());
        var escalation = escalated.GetProperty("steps")[1];
        Assert.True(escalation.GetProperty("personalSignatureValid").GetBoolean());
        Assert.Equal("属地管理责任", escalation.GetProperty("duty").GetString());
        Assert.Equal("涉及重大危险源", escalation.GetProperty("remarks").GetString());
        Assert.Equal("行业监管责任", escalated.GetProperty("steps")[2].GetProperty("duty").GetString());
        Assert.Equal("应急局 王科长", escalated.GetProperty("steps")[2].GetProperty("by").GetProperty("name").GetString());

        var inspection = report.GetProperty("inspections")[0];
        Assert.Equal(app.Inspection, inspection.GetProperty("id").GetGuid());
        Assert.Equal("Submitted", inspection.GetProperty("status").GetString());
        Assert.Equal(["HC-01", "HC-02", "HC-03"], inspection.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        var raised = inspection.GetProperty("raisedHazardIds").EnumerateArray().Select(h => h.GetGuid()).ToList();
        Assert.Equal(2, raised.Count);
        Assert.All(raised, h => Assert.Equal(["hazard_reported"], Types(hazards[h])));
        Assert.Equal("inspection_started", Types(inspection)[0]);
        Assert.Contains("inspection_submitted", Types(inspection));
        await using (var session = app.Store.QuerySession())
            Assert.Equal((await session.Events.FetchStreamStateAsync(app.Inspection))!.Version, inspection.GetProperty("steps").GetArrayLength());

        // Every step's hash recomputes and links; none is broken.
        var steps = hazards.Values.Concat([inspection]).SelectMany(f => f.GetProperty("steps").EnumerateArray()).ToList();
        Assert.Equal(steps.Count, summary.GetProperty("steps").GetInt32());
        Assert.All(steps, s => Assert.True(s.GetProperty("ledger").GetProperty("hashMatches").GetBoolean()));
        Assert.All(steps, s => Assert.True(s.GetProperty("ledger").GetProperty("chainLinked").GetBoolean()));
        Assert.Equal(0, summary.GetProperty("broken").GetInt32());
    }

    [Fact]
    public async Task once_a_head_covers_them_every_step_is_verified_in_the_merkle_log()
    {
        var id = await app.Open("district.admin", app.OfEnterprise(app.NanxiangChemicals, "销案情况核查"));
        await app.As("district.admin", s => s.Post.Json(new { }).ToUrl("/api/ledger/digest"));
        var report = await Report(id, "district.admin");
        var summary = report.GetProperty("summary");
        Assert.Equal(summary.GetProperty("steps").GetInt32(), summary.GetProperty("verified").GetInt32());
        Assert.Equal(0, summary.GetProperty("unsealed").GetInt32());
        Assert.True(report.GetProperty("head").GetProperty("trusted").GetBoolean());
        var step = report.GetProperty("hazards")[0].GetProperty("steps")[0].GetProperty("ledger");
        Assert.Equal("verified", step.GetProperty("status").GetString());
        Assert.True(step.GetProperty("included").GetBoolean());
    }

    [Fact]
    public async Task a_town_investigation_holds_the_town_s_records_only()
    {
        var town = (await app.Store.QuerySession().Query<Organisation>().Where(o => o.Name == "南翔镇").SingleAsync()).Id;
        var id = await app.Open("auditor", new { townId = town, from = app.From, to = app.Clock.GetUtcNow().AddDays(1), subject = "南翔镇隐患闭环核查" });
        var report = await Report(id);
        Assert.Equal("Town", report.GetProperty("scope").GetProperty("kind").GetString());
        var hazards = report.GetProperty("hazards").EnumerateArray().ToList();
        var ids = hazards.Select(h => h.GetProperty("id").GetGuid()).ToHashSet();
        Assert.Contains(app.Overdue, ids);
        Assert.Contains(app.Escalated, ids);
        Assert.DoesNotContain(app.Elsewhere, ids);
        Assert.All(hazards, h => Assert.Equal("南翔镇", h.GetProperty("responsible").GetProperty("townName").GetString()));
    }

    [Fact]
    public async Task a_period_before_the_records_finds_nothing()
    {
        var id = await app.Open("auditor", new { enterpriseId = app.NanxiangChemicals, from = app.From.AddDays(-30), to = app.From.AddDays(-20), subject = "往期核查" });
        var summary = (await Report(id)).GetProperty("summary");
        Assert.Equal(0, summary.GetProperty("hazards").GetInt32());
        Assert.Equal(0, summary.GetProperty("inspections").GetInt32());
    }

    [Fact]
    public async Task the_findings_stay_what_they_were_when_the_record_moves_on()
    {
        // 安亭建工, so the other tests' record of 南翔化工 stays as counted.
        var id = await app.Open("auditor", app.OfEnterprise(app.AntingConstruction, "截止点核查"));
        var before = await Report(id);
        Assert.Equal(["hazard_reported"], Types(before.GetProperty("hazards")[0]));
        await app.Act("ent.b1", app.Elsewhere, "assign", app.Assignment("ent.b1"));

        var after = await Report(id);
        Assert.Equal(["hazard_reported"], Types(after.GetProperty("hazards")[0]));
        Assert.Equal("Reported", after.GetProperty("hazards")[0].GetProperty("status").GetString());
        var later = await Report(await app.Open("auditor", app.OfEnterprise(app.AntingConstruction, "截止点核查")));
        Assert.Equal(["hazard_reported", "rectification_assigned"], Types(later.GetProperty("hazards")[0]));
    }

    [Theory]
    [InlineData("town.nanxiang")]
    [InlineData("inspector.nanxiang")]
    [InlineData("dept.emergency")]
    [InlineData("ent.a1")]
    public async Task only_auditors_and_district_admins_investigate(string username)
    {
        await app.Open(username, app.OfEnterprise(app.NanxiangChemicals), 403);
        var id = await app.Open("auditor", app.OfEnterprise(app.NanxiangChemicals));
        await app.As(username, s => { s.Get.Url($"/api/investigations/{id}"); s.StatusCodeShouldBe(403); });
        await app.As(username, s => { s.Get.Url($"/api/investigations/{id}/bundle"); s.StatusCodeShouldBe(403); });
    }

    [Fact]
    public async Task a_malformed_request_names_the_field()
    {
        async Task<JsonElement> Refused(object body) =>
            (await app.As("auditor", s => { s.Post.Json(body).ToUrl("/api/investigations"); s.StatusCodeShouldBe(400); })).ShouldBeProblem(400);
        var to = app.Clock.GetUtcNow();
        var town = Guid.CreateVersion7();
        Assert.True((await Refused(new { enterpriseId = app.NanxiangChemicals, townId = town, from = app.From, to, subject = "x" }))
            .GetProperty("errors").TryGetProperty("enterpriseId", out _));
        Assert.True((await Refused(new { from = app.From, to, subject = "x" })).GetProperty("errors").TryGetProperty("enterpriseId", out _));
        Assert.True((await Refused(new { enterpriseId = app.NanxiangChemicals, from = to, to = app.From, subject = "x" })).GetProperty("errors").TryGetProperty("to", out _));
        Assert.True((await Refused(new { enterpriseId = app.NanxiangChemicals, from = app.From, to, subject = "" })).GetProperty("errors").TryGetProperty("subject", out _));
        Assert.True((await Refused(new { enterpriseId = Guid.CreateVersion7(), from = app.From, to, subject = "x" })).GetProperty("errors").TryGetProperty("enterpriseId", out _));
        Assert.True((await Refused(new { townId = app.NanxiangChemicals, from = app.From, to, subject = "x" })).GetProperty("errors").TryGetProperty("townId", out _));
        await app.As("auditor", s => { s.Get.Url($"/api/investigations/{Guid.CreateVersion7()}"); s.StatusCodeShouldBe(404); });
    }

    [Fact]
    public async Task every_investigation_and_every_bundle_taken_is_recorded()
    {
        var id = await app.Open("auditor", app.OfEnterprise(app.NanxiangChemicals, "记录核查"));
        await app.Bundle("auditor", id);
        await using var session = app.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        Assert.Equal(2, events.Count);
        var opened = Assert.IsType<InvestigationOpened>(events[0].Data);
        Assert.Equal("审计员 赵敏", opened.By.Name);
        Assert.Equal(Role.Auditor, opened.By.Role);
        Assert.Equal(app.NanxiangChemicals, opened.EnterpriseId);
        Assert.Equal("记录核查", opened.Subject);
        var exported = Assert.IsType<InvestigationBundleExported>(events[1].Data);
        Assert.Equal("审计员 赵敏", exported.By.Name);
        // The investigation's own record is chained like every other stream.
        var report = await Report(id);
        Assert.Equal(1, report.GetProperty("bundles").GetArrayLength());
        Assert.Equal(exported.ManifestSha256, report.GetProperty("bundles")[0].GetProperty("manifestSha256").GetString());
    }
}
