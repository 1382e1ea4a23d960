using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;

namespace AnJiaXing.IntegrationTests.Emergency;

public class when_attaching_evidence_to_emergency_records(AppFixture app) : IClassFixture<AppFixture>
{
    private static Guid[] Ids(System.Text.Json.JsonElement list) => [.. list.EnumerateArray().Select(e => e.GetProperty("id").GetGuid())];

    [Fact]
    public async Task an_incident_takes_evidence_on_its_report_and_its_updates_and_unknown_evidence_appends_nothing()
    {
        var demo1 = await app.OrganisationOf("ent.demo1");
        var photo = await app.UploadEvidence("ent.demo1");
        var later = await app.UploadEvidence("ent.demo1");
        object Report(params Guid[] evidenceIds) => new
        {
            enterpriseId = demo1, kind = "Fire", occurredAt = DateTimeOffset.UtcNow.AddHours(-2), place = "包装车间", description = "纸箱堆垛起火",
            evidenceIds
        };

        var unknown = Guid.NewGuid();
        var refused = await app.ShouldRefuse("ent.demo1", s => s.Post.Json(Report(photo, unknown)).ToUrl("/api/emergency/incidents"), "evidenceIds");
        Assert.Contains(unknown.ToString(), refused.GetProperty("errors").GetProperty("evidenceIds")[0].GetString());
        // Another enterprise cannot attach what it may not read: the same 400, not a hint that the evidence exists.
        var demo3 = await app.OrganisationOf("ent.demo3");
        await app.ShouldRefuse("ent.demo3", s => s.Post.Json(new
        {
            enterpriseId = demo3, kind = "Fire", occurredAt = DateTimeOffset.UtcNow.AddHours(-1), place = "工地", description = "借用他人证据",
            evidenceIds = new[] { photo }
        }).ToUrl("/api/emergency/incidents"), "evidenceIds");

        var correlation = "test" + Guid.NewGuid().ToString("N");
        var reported = await app.As("ent.demo1", s =>
        {
            s.WithRequestHeader("X-Correlation-Id", correlation);
            s.Post.Json(Report(photo)).ToUrl("/api/emergency/incidents");
            s.StatusCodeShouldBe(201);
        });
        Assert.Equal(1, await app.EventsOf(correlation));
        var id = reported.Json().GetProperty("id").GetGuid();

        await app.ShouldRefuse("ent.demo1", s =>
        {
            s.Post.Json(new { note = "火已扑灭", deaths = 0, injuries = 0, evidenceIds = new[] { unknown } }).ToUrl($"/api/emergency/incidents/{id}/updates");
            s.WithRequestHeader("If-Match", "\"1\"");
        }, "evidenceIds");
        await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { note = "火已扑灭", deaths = 0, injuries = 0, evidenceIds = new[] { later } }).ToUrl($"/api/emergency/incidents/{id}/updates");
            s.WithRequestHeader("If-Match", "\"1\"");
            s.StatusCodeShouldBe(200);
        });

        var incident = await app.Get("town.nanxiang", $"/api/emergency/incidents/{id}");
        Assert.Equal(2, incident.GetProperty("version").GetInt64());
        Assert.Equal([photo, later], Ids(incident.GetProperty("evidence")));
        Assert.Equal([later], Ids(incident.GetProperty("updates")[0].GetProperty("evidence")));
        // The incident's town reads its evidence through the platform; another town does not.
        await app.As("town.nanxiang", s => s.Get.Url($"/api/evidence/{photo}"));
        await app.As("town.anting", s =>
        {
            s.Get.Url($"/api/evidence/{later}");
            s.StatusCodeShouldBe(404);
        });
    }

    [Fact]
    public async Task a_drill_record_and_a_plan_document_are_evidence_the_caller_may_read()
    {
        var nanxiang = await app.TownNamed("南翔镇");
        await app.ShouldRefuse("town.nanxiang", s => s.Post.Json(new
        {
            title = "南翔镇燃气事故专项应急预案", kind = "Special", scope = "燃气泄漏", versionLabel = "V1", effectiveOn = "2026-01-01",
            reviewDue = "2029-01-01", townId = nanxiang, documentId = Guid.NewGuid()
        }).ToUrl("/api/emergency/plans"), "documentId");

        var document = await app.UploadEvidence("town.nanxiang");
        var plan = (await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new
            {
                title = "南翔镇燃气事故专项应急预案", kind = "Special", scope = "燃气泄漏", versionLabel = "V1", effectiveOn = "2026-01-01",
                reviewDue = "2029-01-01", townId = nanxiang, documentId = document
            }).ToUrl("/api/emergency/plans");
            s.StatusCodeShouldBe(201);
        })).Json().GetProperty("id").GetGuid();
        Assert.Equal(document, (await app.Get("town.nanxiang", $"/api/emergency/plans/{plan}")).GetProperty("current").GetProperty("document")
            .GetProperty("id").GetGuid());

        var drill = (await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { title = "燃气泄漏疏散演练", plannedOn = "2026-03-10", scenario = "商业街燃气泄漏", emergencyPlanId = plan, townId = nanxiang })
                .ToUrl("/api/emergency/drills");
            s.StatusCodeShouldBe(201);
        })).Json().GetProperty("id").GetGuid();
        object Record(params Guid[] evidenceIds) => new
        {
            heldOn = "2026-03-10", summary = "商户疏散用时6分钟", evaluation = "疏散有序", participantCount = 40, evidenceIds
        };
        await app.ShouldRefuse("town.nanxiang", s => s.Post.Json(Record(Guid.NewGuid())).ToUrl($"/api/emergency/drills/{drill}/record"), "evidenceIds");
        Assert.Equal("Planned", (await app.Get("town.nanxiang", $"/api/emergency/drills/{drill}")).GetProperty("status").GetString());

        var photo = await app.UploadEvidence("town.nanxiang");
        await app.As("town.nanxiang", s =>
        {
            s.Post.Json(Record(photo, photo)).ToUrl($"/api/emergency/drills/{drill}/record");
            s.StatusCodeShouldBe(200);
        });
        await app.Get("town.anting", $"/api/emergency/drills/{drill}", 404);
        var record = (await app.Get("district.admin", $"/api/emergency/drills/{drill}")).GetProperty("record");
        Assert.Equal([photo], Ids(record.GetProperty("evidence")));
        await app.As("district.admin", s => s.Get.Url($"/api/evidence/{photo}"));
    }
}
