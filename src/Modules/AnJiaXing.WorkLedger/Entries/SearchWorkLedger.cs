using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.WorkLedger.Entries;

public static class SearchWorkLedgerEndpoint
{
    /// <summary>
    /// The work ledger in time order (oldest first, as a ledger reads): meetings, special actions and supervision updates
    /// in the caller's scope, filed in [<c>from</c>, <c>to</c>); <c>q</c> matches part of the title, text, place,
    /// attendees or decisions (Chinese substrings, behind a trigram index).
    /// </summary>
    [Authorize]
    [WolverineGet("/api/work-ledger", OperationId = "SearchWorkLedger")]
    public static async Task<PagedResult<WorkLedgerEntry>> Get(DateTimeOffset? from, DateTimeOffset? to, string? q, Guid? townId, int? page,
        int? pageSize, HttpContext http, IQuerySession session, CancellationToken ct) =>
        await PageAsync(Filter(session, Caller.From(http.User), null, from, to, q, townId), Paging.From(page, pageSize), ct);

    /// <summary>One section of the ledger (<c>meetings</c>, <c>special-actions</c>, <c>supervision-updates</c>), filtered the same way.</summary>
    [Authorize]
    [WolverineGet("/api/work-ledger/{section}", OperationId = "SearchWorkLedgerSection")]
    public static async Task<PagedResult<WorkLedgerEntry>> GetSection(string section, DateTimeOffset? from, DateTimeOffset? to, string? q,
        Guid? townId, int? page, int? pageSize, HttpContext http, IQuerySession session, CancellationToken ct) =>
        await PageAsync(Filter(session, Caller.From(http.User), WorkLedgerKinds.Parse(section), from, to, q, townId), Paging.From(page, pageSize), ct);

    public static IQueryable<WorkLedgerEntry> Filter(IQuerySession session, Caller caller, WorkLedgerKind? kind, DateTimeOffset? from,
        DateTimeOffset? to, string? q, Guid? townId)
    {
        if (from is { } f && to is { } t && t < f) throw ApiProblemException.Validation("to", ProblemLanguage.Say("结束时间不能早于开始时间。", "The end may not be before the start."));
        var query = session.Query<WorkLedgerEntry>().InScope(caller);
        if (kind is { } k) query = query.Where(e => e.Kind == k);
        if (from is { } start) query = query.Where(e => e.At >= start);
        if (to is { } end) query = query.Where(e => e.At < end);
        if (townId is { } town) query = query.Where(e => e.TownId == town);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLowerInvariant();
            query = query.Where(e => e.SearchText.Contains(term));
        }
        return query.OrderBy(e => e.At).ThenBy(e => e.Id);
    }

    private static async Task<PagedResult<WorkLedgerEntry>> PageAsync(IQueryable<WorkLedgerEntry> query, Paging paging, CancellationToken ct)
    {
        var list = await query.ToPagedListAsync(paging, ct);
        return new PagedResult<WorkLedgerEntry>(list.ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }
}
