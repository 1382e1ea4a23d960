using System.Text.Json;
using AnJiaXing.IntegrationTests.Hazards;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using Npgsql;
using Snapshooter.Xunit;
using Wolverine;
using static AnJiaXing.IntegrationTests.Inspections.InspectionSteps;

namespace AnJiaXing.IntegrationTests.Inspections;

public class when_inspecting_enterprises(HazardFixture app) : IClassFixture<HazardFixture>
{
    private async Task<Guid> SubmittedChemicalsInspection()
    {
        var id = await app.Start("town.nanxiang", new { kind = "Routine", enterpriseId = app.NanxiangChemicals, checklistId = ChemicalsChecklist });
        await app.Record("town.nanxiang", id, new
        {
            items = new object[]
            {
                Item("HC-01", "NonCompliant", "主要负责人未取得安全合格证"),
                Item("HC-02", "NonCompliant", "专职安全管理人员证书过期", level: "General"),
                Item("HC-03", "Compliant"),
                Item("HC-04", "NotApplicable"),
                Finding("仓库门口灭火器压力不足", category: "Fire")
            }
        });
        await app.Submit("town.nanxiang", id);
        return id;
    }

    private async Task<List<HazardView>> HazardsOf(Guid inspectionId)
    {
        await using var session = app.Store.QuerySession();
        return (await session.Query<HazardView>().Where(h => h.InspectionId == inspectionId).ToListAsync()).OrderBy(h => h.ChecklistItemCode ?? "~", StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task a_submitted_inspection_raises_one_hazard_per_non_compliant_item()
    {
        var id = await SubmittedChemicalsInspection();

        var hazards = await HazardsOf(id);
        Assert.Equal(3, hazards.Count);
        Assert.Equal(["HC-01", "HC-02", null], hazards.Select(h => h.ChecklistItemCode));
        // The checklist's suggestion, unless the inspector set a level.
        Assert.Equal([HazardLevel.Major, HazardLevel.General, HazardLevel.General], hazards.Select(h => h.Level));
        Assert.All(hazards, h => Assert.Equal(HazardSource.SupervisionInspection, h.Source));
        Assert.All(hazards, h => Assert.Equal(app.NanxiangChemicals, h.EnterpriseId));
        Assert.Equal(HazardCategory.Fire, hazards[2].Category);
        Assert.Equal(Inspection.HazardIdFor(id, "HC-01"), hazards[0].Id);
        Assert.Contains("《", hazards[0].LegalBasis);

        var record = await app.Inspection("town.nanxiang", id);
        Assert.Equal("Submitted", record.GetProperty("status").GetString());
        Assert.Equal(5, record.GetProperty("items").GetArrayLength());
        var raised = record.GetProperty("raisedHazardIds").EnumerateArray().Select(e => e.GetGuid()).Order().ToList();
        Assert.Equal(hazards.Select(h => h.Id).Order(), raised);
        Assert.Equal(3, record.GetProperty("hazards").GetArrayLength());
    }

    /// <summary>Issue 13: the raised hazard states the item's finding and the inspector's note, not the item's question.</summary>
    [Fact]
    public async Task a_raised_hazard_reads_as_the_finding_of_its_item()
    {
        var id = await app.Start("town.nanxiang", new { kind = "Routine", enterpriseId = app.NanxiangChemicals, checklistId = ChemicalsChecklist });
        await app.Record("town.nanxiang", id, new { items = new[] { Item("HC-G03", "NonCompliant", "应急演练记录缺失"), Item("HC-08", "NonCompliant") } });
        await app.Submit("town.nanxiang", id);

        var hazards = (await HazardsOf(id)).ToDictionary(h => h.ChecklistItemCode!, h => h.Description);
        Assert.Equal("未制定生产安全事故应急预案或未按规定备案，或未按计划组织应急演练、未留有记录：应急演练记录缺失", hazards["HC-G03"]);
        Assert.Equal("光气、氯气等剧毒气体或硫化氢气体管道穿越厂区（含化工园区、工业园区）以外的公共区域", hazards["HC-08"]);
        Assert.All(hazards.Values, d => Assert.DoesNotContain("是否", d));
    }

    [Fact]
    public async Task a_retried_submit_or_a_redelivered_finding_raises_nothing_twice()
    {
        var id = await SubmittedChemicalsInspection();
        long versionAfter;
        await using (var session = app.Store.QuerySession())
            versionAfter = (await session.Events.FetchStreamStateAsync(id))!.Version;

        // The client retries the submit: the signed record is immutable.
        var retry = await app.Submit("town.nanxiang", id, 409);
        Assert.Equal("Submitted", retry.GetProperty("currentStatus").GetString());

        // The broker delivers every finding again (as recovery after a crash would): nothing new is raised or linked.
        await using (var session = app.Store.QuerySession())
        {
            var record = (await session.Events.AggregateStreamAsync<AnJiaXing.Inspections.Inspection>(id))!;
            var caller = AnJiaXing.Platform.Security.AccountPrincipalFactory.CallerOf(
                (await session.LoadAsync<AnJiaXing.Platform.Organisations.Person>(app.Users["town.nanxiang"]))!,
                (await session.LoadAsync<AnJiaXing.Platform.Organisations.Organisation>(record.TownId))!);
            using var scope = app.Host.Services.CreateScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            var pinned = await ChecklistVersions.LoadAsync(session, record.ChecklistId!.Value, record.ChecklistVersion, CancellationToken.None);
            foreach (var item in record.Items.Where(i => i.Result == ItemResult.NonCompliant))
                await bus.InvokeAsync(InspectionFindings.MessageFor(record, item, pinned, caller, DateTimeOffset.UtcNow));
        }

        Assert.Equal(3, (await HazardsOf(id)).Count);
        await using (var session = app.Store.QuerySession())
            Assert.Equal(versionAfter, (await session.Events.FetchStreamStateAsync(id))!.Version);
    }

    [Fact]
    public async Task the_submit_answers_the_ids_of_the_hazards_it_raises_and_the_record_shows_them_pending_until_they_exist()
    {
        var id = await app.Start("town.nanxiang", new { kind = "Routine", enterpriseId = app.NanxiangChemicals, checklistId = ChemicalsChecklist });
        await app.Record("town.nanxiang", id, new { items = new[] { Item("HC-07", "NonCompliant"), Item("HC-08", "NonCompliant"), Item("HC-09", "Compliant") } });

        var submitted = (await app.As("town.nanxiang", s => { s.Post.Json(new { }).ToUrl($"/api/inspections/{id}/submit"); s.StatusCodeShouldBe(200); })).Json();
        var promised = submitted.GetProperty("raisedHazardIds").EnumerateArray().Select(e => e.GetGuid()).Order().ToList();
        Assert.Equal(2, promised.Count);

        // Read at once: every promised hazard is either there already or listed as pending — never missing.
        var record = await app.Inspection("town.nanxiang", id);
        var shown = record.GetProperty("hazards").EnumerateArray().Select(h => h.GetProperty("id").GetGuid())
            .Concat(record.GetProperty("pendingHazards").EnumerateArray().Select(h => h.GetProperty("hazardId").GetGuid()))
            .Order().ToList();
        Assert.Equal(promised, shown);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await app.Inspection("town.nanxiang", id)).GetProperty("pendingHazards").GetArrayLength() > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        record = await app.Inspection("town.nanxiang", id);
        Assert.Equal(0, record.GetProperty("pendingHazards").GetArrayLength());
        Assert.Equal(promised, record.GetProperty("hazards").EnumerateArray().Select(h => h.GetProperty("id").GetGuid()).Order().ToList());
    }

    [Fact]
    public async Task the_findings_are_stored_with_the_submit_in_one_transaction()
    {
        var id = await app.Start("town.nanxiang", new { kind = "Routine", enterpriseId = app.NanxiangChemicals, checklistId = ChemicalsChecklist });
        await app.Record("town.nanxiang", id, new { items = new[] { Item("HC-05", "NonCompliant"), Item("HC-06", "NonCompliant") } });

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        // The durable inbox keeps handled envelopes for a while (tests in a class run one at a time, so a difference counts ours).
        async Task<long> Envelopes()
        {
            await using var command = new NpgsqlCommand(
                "select count(*) from anjiaxing.wolverine_incoming_envelopes where message_type = 'AnJiaXing.Api.Inspections.RaiseHazardFromFinding'",
                connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        var before = await Envelopes();

        // Two submits race: one commits its event together with its two envelopes; the loser's are rolled back with it.
        var statuses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { }).ToUrl($"/api/inspections/{id}/submit");
            s.IgnoreStatusCode();
        })));
        Assert.Equal([200, 409], statuses.Select(r => r.Context.Response.StatusCode).Order());
        Assert.Equal(before + 2, await Envelopes());

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await HazardsOf(id)).Count < 2 && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Equal(2, (await HazardsOf(id)).Count);
    }

    [Fact]
    public async Task a_submitted_record_refuses_every_change()
    {
        var id = await app.Start("town.nanxiang", new { kind = "Routine", enterpriseId = app.NanxiangChemicals, checklistId = ChemicalsChecklist });
        var draft = await app.Record("town.nanxiang", id, new { itemCode = "HC-03", result = "Compliant" });
        Assert.Equal(2, draft.GetProperty("version").GetInt64());
        Assert.Equal("Draft", (await app.Inspection("town.nanxiang", id)).GetProperty("status").GetString());

        var submitted = await app.Submit("town.nanxiang", id);
        Assert.Equal("Submitted", submitted.GetProperty("status").GetString());
        Assert.Empty(submitted.GetProperty("itemCodes").EnumerateArray());

        var refused = await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { itemCode = "HC-03", result = "NonCompliant" }).ToUrl($"/api/inspections/{id}/items");
            s.StatusCodeShouldBe(409);
        });
        refused.ShouldBeProblem(409);
        Assert.Empty(await HazardsOf(id));
        await using var session = app.Store.QuerySession();
        Assert.Equal(3, (await session.Events.FetchStreamStateAsync(id))!.Version);
    }

    [Fact]
    public async Task a_checklist_edit_does_not_alter_an_inspection_already_started()
    {
        var checklist = await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new
            {
                name = "南翔镇 仓库巡查表", kind = "Custom",
                items = new[] { new { code = "W-01", category = "储存管理", content = "货物与灯具保持0.5米以上距离", legalBasis = "", suggestedLevel = "General" } }
            }).ToUrl("/api/checklists");
            s.StatusCodeShouldBe(201);
        });
        var checklistId = checklist.Json().GetProperty("id").GetGuid();
        var id = await app.Start("town.nanxiang", new { kind = "Routine", enterpriseId = app.NanxiangChemicals, checklistId });

        await app.As("town.nanxiang", s =>
        {
            s.Put.Json(new
            {
                name = "南翔镇 仓库巡查表（修订）",
                items = new[]
                {
                    new { code = "W-01", category = "消防设施", content = "修订后的内容", legalBasis = "", suggestedLevel = "Major" },
                    new { code = "W-02", category = "储存管理", content = "新增项", legalBasis = "", suggestedLevel = "General" }
                }
            }).ToUrl($"/api/checklists/{checklistId}");
            s.StatusCodeShouldBe(200);
        });

        await app.Record("town.nanxiang", id, new { itemCode = "W-01", result = "NonCompliant" });
        var unknown = await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { itemCode = "W-02", result = "Compliant" }).ToUrl($"/api/inspections/{id}/items");
            s.StatusCodeShouldBe(400);
        });
        Assert.True(unknown.ShouldBeProblem(400).GetProperty("errors").TryGetProperty("itemCode", out _));

        var record = await app.Inspection("town.nanxiang", id);
        Assert.Equal(1, record.GetProperty("checklistVersion").GetInt32());
        var item = record.GetProperty("items")[0];
        Assert.Equal("货物与灯具保持0.5米以上距离", item.GetProperty("content").GetString());
        Assert.Equal("General", item.GetProperty("suggestedLevel").GetString());

        await app.Submit("town.nanxiang", id);
        Assert.Equal(HazardLevel.General, Assert.Single(await HazardsOf(id)).Level);
    }

    [Fact]
    public async Task a_quick_check_raises_hazards_from_free_text_and_a_temporary_check_records_without_raising()
    {
        var quick = await app.Start("town.anting", new { kind = "QuickCheck", enterpriseId = app.AntingConstruction });
        var recorded = await app.Record("town.anting", quick, new { items = new[] { Finding("脚手架连墙件缺失"), Finding("工地大门保安在岗", "Compliant") } });
        Assert.Equal(["F1", "F2"], recorded.GetProperty("itemCodes").EnumerateArray().Select(e => e.GetString()));
        // Correcting a free-text finding by its code.
        await app.Record("town.anting", quick, new { itemCode = "F1", result = "NonCompliant", notes = "三层以上连墙件缺失" });
        var submitted = await app.Submit("town.anting", quick);
        Assert.Equal(["F1"], submitted.GetProperty("itemCodes").EnumerateArray().Select(e => e.GetString()));
        var hazard = Assert.Single(await HazardsOf(quick));
        Assert.Equal(HazardSource.QuickCheck, hazard.Source);
        Assert.Equal(HazardCategory.Construction, hazard.Category);
        Assert.Contains("三层以上连墙件缺失", hazard.Description);

        var temporary = await app.Start("town.anting", new { kind = "Temporary", temporaryEnterprise = new { name = "某无证小作坊", address = "安亭镇某村12号" } });
        await app.Record("town.anting", temporary, new { items = new[] { Finding("生产区与住宿区未分隔（三合一）"), Finding("电线私拉乱接") } });
        var temporarySubmitted = await app.Submit("town.anting", temporary);
        Assert.Empty(temporarySubmitted.GetProperty("itemCodes").EnumerateArray());
        Assert.Empty(await HazardsOf(temporary));
        var record = await app.Inspection("town.anting", temporary);
        Assert.Equal("某无证小作坊", record.GetProperty("temporaryEnterprise").GetProperty("name").GetString());
        Assert.Equal(2, record.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("enterpriseId").ValueKind);
    }

    [Fact]
    public async Task another_towns_inspector_can_neither_inspect_nor_read()
    {
        (await app.As("town.anting", s =>
        {
            s.Post.Json(new { kind = "Routine", enterpriseId = app.NanxiangChemicals, checklistId = ChemicalsChecklist }).ToUrl("/api/inspections");
            s.StatusCodeShouldBe(404);
        })).ShouldBeProblem(404);

        var id = await app.Start("town.nanxiang", new { kind = "Routine", enterpriseId = app.NanxiangChemicals, checklistId = ChemicalsChecklist });
        await app.As("town.anting", s => { s.Get.Url($"/api/inspections/{id}"); s.StatusCodeShouldBe(404); });
        await app.As("town.anting", s =>
        {
            s.Post.Json(new { itemCode = "HC-03", result = "Compliant" }).ToUrl($"/api/inspections/{id}/items");
            s.StatusCodeShouldBe(404);
        });
        var search = await app.As("town.anting", s => s.Get.Url($"/api/inspections?enterpriseId={app.NanxiangChemicals}"));
        Assert.Equal(0, search.Json().GetProperty("total").GetInt32());

        // The same town's third-party inspector reads the record but cannot sign another's.
        await app.As("inspector.nanxiang", s => { s.Get.Url($"/api/inspections/{id}"); s.StatusCodeShouldBe(200); });
        await app.As("inspector.nanxiang", s =>
        {
            s.Post.Json(new { itemCode = "HC-03", result = "Compliant" }).ToUrl($"/api/inspections/{id}/items");
            s.StatusCodeShouldBe(403);
        });
        // An enterprise inspects only itself, and only as a self-inspection.
        await app.As("ent.b1", s =>
        {
            s.Post.Json(new { kind = "SelfInspection", enterpriseId = app.NanxiangChemicals, checklistId = ChemicalsChecklist }).ToUrl("/api/inspections");
            s.StatusCodeShouldBe(404);
        });
    }

    [Fact]
    public async Task an_enterprise_self_inspection_raises_self_inspection_hazards()
    {
        var id = await app.Start("ent.b1", new { kind = "SelfInspection", enterpriseId = app.AntingConstruction, checklistId = ConstructionChecklist });
        await app.Record("ent.b1", id, new { itemCode = "CS-01", result = "NonCompliant", notes = "项目负责人未到岗" });
        await app.Submit("ent.b1", id);
        var hazard = Assert.Single(await HazardsOf(id));
        Assert.Equal(HazardSource.SelfInspection, hazard.Source);
        Assert.Equal(HazardLevel.Major, hazard.Level);
    }

    [Fact]
    public async Task records_are_searched_by_enterprise_inspector_and_date()
    {
        var id = await SubmittedChemicalsInspection();
        var inspector = app.Users["town.nanxiang"];
        var from = Uri.EscapeDataString(app.Clock.GetUtcNow().AddHours(-1).ToString("O"));
        var found = (await app.As("town.nanxiang", s =>
            s.Get.Url($"/api/inspections?enterpriseId={app.NanxiangChemicals}&inspectorId={inspector}&from={from}"))).Json();
        Assert.Contains(found.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
        var none = (await app.As("town.nanxiang", s => s.Get.Url($"/api/inspections?enterpriseId={app.AntingConstruction}"))).Json();
        Assert.Empty(none.GetProperty("items").EnumerateArray());
        var department = (await app.As("dept.emergency", s => s.Get.Url($"/api/inspections?enterpriseId={app.NanxiangChemicals}"))).Json();
        Assert.Contains(department.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task a_submitted_record_keeps_its_shape()
    {
        var id = await SubmittedChemicalsInspection();
        var result = await app.As("town.nanxiang", s => s.Get.Url($"/api/inspections/{id}"));
        Snapshot.Match(JToken.Parse(result.ReadAsText()), o => o
            .IgnoreField("id").IgnoreField("enterpriseId").IgnoreField("townId").IgnoreField("inspectorId").IgnoreField("inspector.id")
            .IgnoreField("inspector.organisationId").IgnoreField("startedAt").IgnoreField("submittedAt").IgnoreFields("items[*].recordedAt")
            .IgnoreFields("raisedHazards[*].hazardId").IgnoreFields("raisedHazardIds[*]").IgnoreFields("hazards[*].id"));
    }
}
