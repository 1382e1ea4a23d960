namespace AnJiaXing.Platform.Http;

/// <summary>The list envelope of api.md: <c>{ items, page, pageSize, total }</c>.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

/// <summary>Paging of api.md: page ≥ 1, 1 ≤ pageSize ≤ 500 (default 50). Out-of-range values are a 400, not silently changed.</summary>
public readonly record struct Paging(int Page, int PageSize)
{
    public const int MaxPageSize = 500;
    public const int DefaultPageSize = 50;

    public static Paging From(int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1) errors["page"] = [ProblemLanguage.Say("page 须不小于 1。", "page must be 1 or more.")];
        if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [ProblemLanguage.Say($"pageSize 须在 1 至 {MaxPageSize} 之间。", $"pageSize must be between 1 and {MaxPageSize}.")];
        if (errors.Count > 0) throw new ValidationProblemException(errors);
        return new Paging(page ?? 1, pageSize ?? DefaultPageSize);
    }

    public int Skip => (Page - 1) * PageSize;
}

/// <summary>One page of a query with the total of the whole query — right on every page, past the last one too.</summary>
public sealed class PageOf<T>(IReadOnlyList<T> items, long totalItemCount) : IReadOnlyList<T>
{
    public long TotalItemCount { get; } = totalItemCount;
    public int Count => items.Count;
    public T this[int index] => items[index];
    public IEnumerator<T> GetEnumerator() => items.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

public static class PagingQueries
{
    /// <summary>
    /// The page <paramref name="paging"/> names. Marten's paged list counts the total with a window function over the
    /// page's rows, so a page past the end reports 0; then the first row is asked for, which carries the total.
    /// (A separate count cannot reuse a query that statistics were attached to.)
    /// </summary>
    public static async Task<PageOf<T>> ToPagedListAsync<T>(this IQueryable<T> query, Paging paging, CancellationToken ct)
    {
        var list = await Marten.Pagination.PagedListQueryableExtensions.ToPagedListAsync(query, paging.Page, paging.PageSize, ct);
        var total = list.TotalItemCount;
        if (list.Count == 0 && paging.Page > 1)
            total = (await Marten.Pagination.PagedListQueryableExtensions.ToPagedListAsync(query, 1, 1, ct)).TotalItemCount;
        return new PageOf<T>(list.ToList(), total);
    }
}
