
namespace AnJiaXing.UnitTests.Knowledge;

public class KnowledgeTests
{
    [Fact]
    public void an_excerpt_centres_on_the_keyword()
    {
        var text = new string('甲', 100) + "动火作业" + new string('乙', 200);
        var excerpt = SearchKnowledgeEndpoints.Excerpt(text, "动火作业");
        Assert.Contains("动火作业", excerpt);
        Assert.StartsWith("…", excerpt);
        Assert.EndsWith("…", excerpt);
        Assert.Equal(30 + 4 + 90 + 2, excerpt.Length);
    }

    [Fact]
    public void without_a_keyword_the_excerpt_is_the_opening()
    {
        Assert.Equal("短文", SearchKnowledgeEndpoints.Excerpt("短文", ""));
        Assert.Equal(121, SearchKnowledgeEndpoints.Excerpt(new string('文', 500), "").Length);
    }

    [Fact]
    public void the_built_in_documents_summarise_the_four_criteria()
    {
        var documents = BuiltInKnowledgeDocument.Load();
        Assert.Equal(4, documents.Count);
        Assert.All(documents, d => Assert.True(d.Text.Length > 300, d.Key));
        Assert.Equal(4, documents.Select(d => d.Domain).Distinct().Count());
    }

    [Fact]
    public void a_revision_with_nothing_new_appends_nothing()
    {
        var published = KnowledgeDocument.Publish(Guid.NewGuid(), "标题", KnowledgeCategory.Guidance, null, " ", "正文", Platform.Security.Actor.System);
        var document = new KnowledgeDocument { Id = published.DocumentId, Title = published.Title, Category = published.Category, Source = published.Source, Text = published.Text };
        Assert.Null(document.Revise(" 标题 ", KnowledgeCategory.Guidance, null, null, "正文 ", Platform.Security.Actor.System));
        Assert.NotNull(document.Revise("标题", KnowledgeCategory.Standard, null, null, "正文", Platform.Security.Actor.System));
    }

    [Fact]
    public void stable_ids_are_name_based_and_repeatable()
    {
        Assert.Equal(StableId.For("knowledge:x"), StableId.For("knowledge:x"));
        Assert.NotEqual(StableId.For("knowledge:x"), StableId.For("knowledge:y"));
        Assert.Equal(5, StableId.For("knowledge:x").Version);
    }
}
