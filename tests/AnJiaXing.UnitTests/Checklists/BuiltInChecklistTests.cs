
namespace AnJiaXing.UnitTests.Checklists;

public class BuiltInChecklistTests
{
    private static readonly IReadOnlyList<BuiltInChecklist> All = BuiltInChecklists.Load();

    [Theory]
    [InlineData(IndustryDomain.HazardousChemicals, "《化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）》")]
    [InlineData(IndustryDomain.IndustryAndTrade, "《工贸企业重大事故隐患判定标准》")]
    [InlineData(IndustryDomain.ConstructionSites, "《房屋市政工程生产安全重大事故隐患判定标准（2022版）》")]
    [InlineData(IndustryDomain.FactoriesAndWarehouses, "GB 35181-2017")]
    public void each_key_domain_has_an_industry_checklist_of_at_least_twenty_items_grounded_in_its_criterion(IndustryDomain domain, string criterion)
    {
        var checklist = Assert.Single(All, c => c.Domain == domain);
        Assert.Equal(ChecklistKind.Industry, checklist.Kind);
        Assert.True(checklist.Items.Count >= 20, $"{domain}: {checklist.Items.Count} items");

        // Every Major item cites the major-hazard criterion; the general items (licences, training, drills, records) suggest General.
        var major = checklist.Items.Where(i => i.SuggestedLevel == HazardLevel.Major).ToList();
        Assert.NotEmpty(major);
        Assert.All(major, i => Assert.StartsWith(criterion, i.LegalBasis));
        Assert.Contains(checklist.Items, i => i.SuggestedLevel == HazardLevel.General && i.Category == "应急管理");
        Assert.Contains(checklist.Items, i => i.SuggestedLevel == HazardLevel.General && i.Category == "教育培训");
    }

    [Fact]
    public void every_built_in_item_passes_the_item_rules_and_codes_are_unique_across_the_built_ins()
    {
        var validator = new ChecklistItemValidator();
        foreach (var checklist in All)
        foreach (var item in checklist.Items)
        {
            var result = validator.Validate(item);
            Assert.True(result.IsValid, $"{item.Code}: {string.Join("; ", result.Errors)}");
            Assert.False(string.IsNullOrWhiteSpace(item.LegalBasis));
            Assert.True(item.Content.Any(c => c >= '\u4e00' && c <= '\u9fff'), $"{item.Code} is not written in Chinese");
        }

        var codes = All.SelectMany(c => c.Items).Select(i => i.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void every_built_in_item_says_what_a_breach_is_as_a_finding_not_a_question()
    {
        foreach (var item in All.SelectMany(c => c.Items))
        {
            Assert.False(string.IsNullOrWhiteSpace(item.Finding), $"{item.Code} has no finding");
            Assert.DoesNotContain("是否", item.Finding);
            Assert.True(item.Finding!.Any(c => c >= '\u4e00' && c <= '\u9fff'), $"{item.Code}'s finding is not written in Chinese");
        }
        Assert.All(All, c => Assert.False(string.IsNullOrWhiteSpace(c.Note)));
    }

    /// <summary>The generic licence item asked every domain for a 危险化学品经营许可证; each now asks for its own.</summary>
    [Theory]
    [InlineData(IndustryDomain.HazardousChemicals, "危险化学品经营许可证")]
    [InlineData(IndustryDomain.ConstructionSites, "施工许可证")]
    [InlineData(IndustryDomain.IndustryAndTrade, "特种设备使用登记证")]
    [InlineData(IndustryDomain.FactoriesAndWarehouses, "消防验收")]
    public void the_licence_item_asks_for_the_licences_of_its_domain(IndustryDomain domain, string licence)
    {
        var item = Assert.Single(All.Single(c => c.Domain == domain).Items, i => i.Category == "证照");
        Assert.Contains(licence, item.Content);
        Assert.Contains(licence, item.Finding);
        if (domain != IndustryDomain.HazardousChemicals)
        {
            Assert.DoesNotContain("危险化学品", item.Content);
            Assert.DoesNotContain("危险化学品", item.LegalBasis);
        }
    }

    [Fact]
    public void under_gb_35181_only_direct_determination_factors_suggest_major()
    {
        var fire = All.Single(c => c.Domain == IndustryDomain.FactoriesAndWarehouses);
        Assert.All(fire.Items.Where(i => i.LegalBasis.Contains("综合判定要素")), i => Assert.Equal(HazardLevel.General, i.SuggestedLevel));
        Assert.All(fire.Items.Where(i => i.LegalBasis.Contains("直接判定要素")), i => Assert.Equal(HazardLevel.Major, i.SuggestedLevel));
    }

    [Fact]
    public void built_in_ids_are_stable_and_distinct()
    {
        Assert.Equal(All.Select(c => c.Id), BuiltInChecklists.Load().Select(c => c.Id));
        Assert.Equal(All.Count, All.Select(c => c.Id).Distinct().Count());
        Assert.All(All, c => Assert.Equal(5, c.Id.Version));
    }
}
