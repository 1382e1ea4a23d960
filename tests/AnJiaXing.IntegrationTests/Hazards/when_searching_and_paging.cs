using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;

namespace AnJiaXing.IntegrationTests.Hazards;

/// <summary>Lists keep their total on every page, past the last one too; hazards are found by Chinese keywords (q).</summary>
public class when_searching_and_paging(HazardFixture app) : IClassFixture<HazardFixture>
{
    [Theory]
    [InlineData("/api/hazards")]
    [InlineData("/api/enterprises")]
    [InlineData("/api/inspections")]
    [InlineData("/api/checklists")]
    [InlineData("/api/knowledge")]
    public async Task the_total_stays_right_past_the_last_page(string list)
    {
        await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        var first = (await app.As("district.admin", s => s.Get.Url(list).QueryString("pageSize", "1"))).Json();
        var total = first.GetProperty("total").GetInt64();
        Assert.True(total > 0, $"{list} has something to page through");

        var beyond = (await app.As("district.admin", s => s.Get.Url(list).QueryString("page", "1000").QueryString("pageSize", "1"))).Json();
        Assert.Equal(0, beyond.GetProperty("items").GetArrayLength());
        Assert.Equal(total, beyond.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task hazards_are_found_by_chinese_keywords_in_the_description_or_the_enterprise_name()
    {
        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals, description: "二号车间灭火器压力不足"));
        async Task<List<Guid>> Search(string q, string who = "district.admin") =>
            (await app.As(who, s => s.Get.Url("/api/hazards").QueryString("q", q).QueryString("pageSize", "500"))).Json()
                .GetProperty("items").EnumerateArray().Select(h => h.GetProperty("id").GetGuid()).ToList();

        Assert.Contains(id, await Search("灭火器"));
        Assert.Contains(id, await Search("南翔化工"));
        Assert.DoesNotContain(id, await Search("脚手架坍塌"));
        // Scope still applies: another town's supervisor does not find it.
        Assert.DoesNotContain(id, await Search("灭火器", "town.anting"));
    }
}
