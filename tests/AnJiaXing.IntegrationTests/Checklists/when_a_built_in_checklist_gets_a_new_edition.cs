using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnJiaXing.IntegrationTests.Checklists;

/// <summary>
/// ADR 0014: changed built-in content reaches a deployment as a new version of the same stream, never as an overwrite;
/// the version inspections pinned stays readable as it was, and a checklist a district admin revised is left alone.
/// </summary>
public class when_a_built_in_checklist_gets_a_new_edition(AppFixture app) : IClassFixture<AppFixture>
{
    private BuiltInChecklistPublisher Publisher => new(app.Store, NullLogger<BuiltInChecklistPublisher>.Instance);

    /// <summary>The shipped edition with one item's words changed, as a later release would ship it.</summary>
    private static BuiltInChecklist NextEdition(IndustryDomain domain, string code, string finding)
    {
        var shipped = BuiltInChecklists.Load().Single(c => c.Domain == domain);
        return shipped with
        {
            Items = [.. shipped.Items.Select(i => i.Code == code ? i with { Finding = finding } : i)],
            Note = "测试：修订一项的隐患表述"
        };
    }

    private async Task<long> VersionOf(Guid id)
    {
        await using var session = app.Store.QuerySession();
        return (await session.Events.FetchStreamStateAsync(id))!.Version;
    }

    [Fact]
    public async Task the_system_appends_it_as_the_next_version_once_and_the_pinned_version_reads_as_before()
    {
        var next = NextEdition(IndustryDomain.HazardousChemicals, "HC-G03", "未制定应急预案（第二版表述）");
        Assert.Equal(1, await VersionOf(next.Id));

        await Publisher.PublishAsync([next], CancellationToken.None);
        await Publisher.PublishAsync([next], CancellationToken.None);   // a restart, or a second instance: nothing more
        Assert.Equal(2, await VersionOf(next.Id));

        await using (var session = app.Store.QuerySession())
        {
            var events = await session.Events.FetchStreamAsync(next.Id);
            var revised = Assert.IsType<ChecklistRevised>(events[1].Data);
            Assert.Equal("测试：修订一项的隐患表述", revised.Note);
            Assert.Equal(Actor.System.Name, revised.By.Name);
        }

        var v2 = (await app.As("town.nanxiang", s => s.Get.Url($"/api/checklists/{next.Id}"))).Json();
        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        Assert.Equal("未制定应急预案（第二版表述）", v2.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("code").GetString() == "HC-G03").GetProperty("finding").GetString());
        var v1 = (await app.As("town.nanxiang", s => s.Get.Url($"/api/checklists/{next.Id}?version=1"))).Json();
        Assert.Equal(BuiltInChecklists.Load().Single(c => c.Id == next.Id).Items.Single(i => i.Code == "HC-G03").Finding,
            v1.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "HC-G03").GetProperty("finding").GetString());
    }

    [Fact]
    public async Task a_checklist_an_admin_revised_is_theirs_and_not_touched()
    {
        var shipped = BuiltInChecklists.Load().Single(c => c.Domain == IndustryDomain.IndustryAndTrade);
        var current = (await app.As("district.admin", s => s.Get.Url($"/api/checklists/{shipped.Id}"))).Json();
        var version = current.GetProperty("version").GetInt32();
        await app.As("district.admin", s =>
        {
            s.Put.Json(new
            {
                name = shipped.Name + "（区修订）",
                items = shipped.Items.Select(i => new { i.Code, i.Category, i.Content, i.LegalBasis, suggestedLevel = i.SuggestedLevel.ToString(), i.Finding }),
                note = "区安委办修订"
            }).ToUrl($"/api/checklists/{shipped.Id}");
            s.WithRequestHeader("If-Match", $"\"{version}\"");
            s.StatusCodeShouldBe(200);
        });

        await Publisher.PublishAsync([NextEdition(IndustryDomain.IndustryAndTrade, "IT-G01", "新表述")], CancellationToken.None);
        Assert.Equal(version + 1, await VersionOf(shipped.Id));
        var after = (await app.As("district.admin", s => s.Get.Url($"/api/checklists/{shipped.Id}"))).Json();
        Assert.Equal(shipped.Name + "（区修订）", after.GetProperty("name").GetString());
    }
}
