using JasperFx.Events;

namespace AnJiaXing.Inspections.Knowledge;

/// <summary>
/// A knowledge document's state and read model. <see cref="SearchText"/> (title and text together) carries the
/// trigram index that keyword search uses (ADR 0015).
/// </summary>
public sealed class KnowledgeDocument
{
    public Guid Id { get; set; }
    public string Title { get; set; } = "";
    public KnowledgeCategory Category { get; set; }
    public IndustryDomain? Domain { get; set; }
    public string? Source { get; set; }
    public string Text { get; set; } = "";
    public string? BuiltInKey { get; set; }
    public string SearchText { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public int Version { get; set; }

    public static KnowledgeDocument Create(IEvent<KnowledgeDocumentPublished> e) => new()
    {
        Id = e.Data.DocumentId,
        Title = e.Data.Title,
        Category = e.Data.Category,
        Domain = e.Data.Domain,
        Source = e.Data.Source,
        Text = e.Data.Text,
        BuiltInKey = e.Data.BuiltInKey,
        SearchText = Searchable(e.Data.Title, e.Data.Source, e.Data.Text),
        PublishedAt = e.Timestamp,
        UpdatedAt = e.Timestamp,
        UpdatedBy = e.Data.By.Name
    };

    public void Apply(IEvent<KnowledgeDocumentRevised> e)
    {
        Title = e.Data.Title;
        Category = e.Data.Category;
        Domain = e.Data.Domain;
        Source = e.Data.Source;
        Text = e.Data.Text;
        SearchText = Searchable(e.Data.Title, e.Data.Source, e.Data.Text);
        UpdatedAt = e.Timestamp;
        UpdatedBy = e.Data.By.Name;
    }

    public static KnowledgeDocumentPublished Publish(
        Guid id, string title, KnowledgeCategory category, IndustryDomain? domain, string? source, string text, Actor by, string? builtInKey = null) =>
        new(id, title.Trim(), category, domain, Blank(source), text.Trim(), builtInKey, by);

    /// <summary>The revision, or null when nothing changes (a repeated PUT appends nothing).</summary>
    public KnowledgeDocumentRevised? Revise(string title, KnowledgeCategory category, IndustryDomain? domain, string? source, string text, Actor by)
    {
        var revised = new KnowledgeDocumentRevised(Id, title.Trim(), category, domain, Blank(source), text.Trim(), by);
        return revised.Title == Title && revised.Category == Category && revised.Domain == Domain
               && revised.Source == Source && revised.Text == Text
            ? null
            : revised;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Searchable(string title, string? source, string text) => $"{title}\n{source}\n{text}";
}
