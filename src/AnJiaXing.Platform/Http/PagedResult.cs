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
        if (page is < 1) errors["page"] = ["page must be 1 or more."];
        if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        if (errors.Count > 0) throw new ValidationProblemException(errors);
        return new Paging(page ?? 1, pageSize ?? DefaultPageSize);
    }

    public int Skip => (Page - 1) * PageSize;
}
