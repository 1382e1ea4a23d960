
namespace AnJiaXing.Inspections.Knowledge;

/// <summary>A search hit: enough to choose a document, with the passage around the keyword.</summary>
public sealed record KnowledgeSummary(
    Guid Id, string Title, KnowledgeCategory Category, IndustryDomain? Domain, string? Source, string Excerpt, int Version, DateTimeOffset UpdatedAt);

/// <summary>A whole document.</summary>
public sealed record KnowledgeDocumentDto(
    Guid Id, string Title, KnowledgeCategory Category, IndustryDomain? Domain, string? Source, string Text, bool BuiltIn,
    int Version, DateTimeOffset PublishedAt, DateTimeOffset UpdatedAt, string UpdatedBy)
{
    public static KnowledgeDocumentDto From(KnowledgeDocument d) => new(
        d.Id, d.Title, d.Category, d.Domain, d.Source, d.Text, d.BuiltInKey is not null, d.Version, d.PublishedAt, d.UpdatedAt, d.UpdatedBy);
}
