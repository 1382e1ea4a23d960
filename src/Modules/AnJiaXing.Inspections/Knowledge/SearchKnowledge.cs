using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Inspections.Knowledge;

public static class SearchKnowledgeEndpoints
{
    public const int MaxQueryLength = 100;

    /// <summary>
    /// Keyword search over title, source and text: a case-insensitive substring match served by a pg_trgm GIN
    /// index, so Chinese keywords work without word segmentation (ADR 0015). Without <c>q</c>, all documents by title.
    /// </summary>
    [Authorize]
    [WolverineGet("/api/knowledge", OperationId = "SearchKnowledge")]
    public static async Task<PagedResult<KnowledgeSummary>> Search(
        IQuerySession session, string? q, KnowledgeCategory? category, IndustryDomain? domain, int? page, int? pageSize, CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        var term = q?.Trim() ?? "";
        if (term.Length > MaxQueryLength) throw ApiProblemException.Validation("q", ProblemLanguage.Say($"q 至多 {MaxQueryLength} 个字符。", $"q is at most {MaxQueryLength} characters."));

        var query = session.Query<KnowledgeDocument>().AsQueryable();
        if (term.Length > 0) query = query.Where(d => d.SearchText.Contains(term, StringComparison.OrdinalIgnoreCase));
        if (category is { } c) query = query.Where(d => d.Category == c);
        if (domain is { } dm) query = query.Where(d => d.Domain == dm);

        var list = await query.OrderBy(d => d.Title).ToPagedListAsync(paging, ct);
        var items = list.Select(d => new KnowledgeSummary(d.Id, d.Title, d.Category, d.Domain, d.Source, Excerpt(d.Text, term), d.Version, d.UpdatedAt))
            .ToList();
        return new PagedResult<KnowledgeSummary>(items, paging.Page, paging.PageSize, list.TotalItemCount);
    }

    [Authorize]
    [WolverineGet("/api/knowledge/{id}", OperationId = "GetKnowledgeDocument")]
    public static async Task<KnowledgeDocumentDto> Get(Guid id, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var document = await session.LoadAsync<KnowledgeDocument>(id, ct) ?? throw ApiProblemException.NotFound("知识文档", "Knowledge document", id);
        http.AnswerVersion(document.Version);
        return KnowledgeDocumentDto.From(document);
    }

    /// <summary>The passage around the first occurrence of the keyword, or the opening of the text.</summary>
    public static string Excerpt(string text, string term, int before = 30, int after = 90)
    {
        var at = term.Length == 0 ? -1 : text.IndexOf(term, StringComparison.OrdinalIgnoreCase);
        if (at < 0) return text.Length <= before + after ? text : text[..(before + after)] + "…";
        var start = Math.Max(0, at - before);
        var end = Math.Min(text.Length, at + term.Length + after);
        return (start > 0 ? "…" : "") + text[start..end] + (end < text.Length ? "…" : "");
    }
}
