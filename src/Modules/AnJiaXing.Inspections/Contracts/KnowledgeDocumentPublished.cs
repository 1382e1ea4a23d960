
namespace AnJiaXing.Inspections.Contracts;

/// <summary>A document entered the knowledge base (知识库). Built-in ones carry the key they were published from.</summary>
public sealed record KnowledgeDocumentPublished(
    Guid DocumentId,
    string Title,
    KnowledgeCategory Category,
    IndustryDomain? Domain,
    string? Source,
    string Text,
    string? BuiltInKey,
    Actor By);
