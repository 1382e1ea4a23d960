
namespace AnJiaXing.Inspections.Contracts;

/// <summary>A document's whole content was replaced by a newer text.</summary>
public sealed record KnowledgeDocumentRevised(
    Guid DocumentId,
    string Title,
    KnowledgeCategory Category,
    IndustryDomain? Domain,
    string? Source,
    string Text,
    Actor By);
