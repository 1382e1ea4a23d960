using AnJiaXing.Api.Infrastructure.Security;
using AnJiaXing.Api.Organisations;

namespace AnJiaXing.Api.Knowledge;

/// <summary>A document's whole content was replaced by a newer text.</summary>
public sealed record KnowledgeDocumentRevised(
    Guid DocumentId,
    string Title,
    KnowledgeCategory Category,
    IndustryDomain? Domain,
    string? Source,
    string Text,
    Actor By);
