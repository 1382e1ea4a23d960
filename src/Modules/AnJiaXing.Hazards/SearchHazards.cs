using System.Security.Claims;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Hazards;

public static class SearchHazardsEndpoint
{
    /// <summary>Hazards in the caller's scope from the indexed read model, newest first.</summary>
    [Authorize]
    [WolverineGet("/api/hazards", OperationId = "SearchHazards")]
    public static async Task<PagedResult<HazardView>> Get(
        Guid? enterpriseId, Guid? townId, IndustryDomain? domain, HazardLevel? level, HazardStatus? status, HazardSource? source,
        bool? overdue, DateTimeOffset? from, DateTimeOffset? to, string? q, int? page, int? pageSize,
        ClaimsPrincipal user, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        var caller = Caller.From(user);
        var now = clock.GetUtcNow();

        var query = session.Query<HazardView>().InScope(caller.Scope.Constraint,
            nameof(HazardView.EnterpriseId), nameof(HazardView.TownId), domain: nameof(HazardView.Domain));

        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            if (term.Length > 100) throw ApiProblemException.Validation("q", ProblemLanguage.Say("搜索词最多 100 个字符。", "A search term has at most 100 characters."));
            query = query.Where(h => h.Description.Contains(term, StringComparison.OrdinalIgnoreCase)
                                     || h.EnterpriseName.Contains(term, StringComparison.OrdinalIgnoreCase));
        }
        if (enterpriseId is { } e) query = query.Where(h => h.EnterpriseId == e);
        if (townId is { } t) query = query.Where(h => h.TownId == t);
        if (domain is { } d) query = query.Where(h => h.Domain == d);
        if (level is { } l) query = query.Where(h => h.Level == l);
        if (status is { } s) query = query.Where(h => h.Status == s);
        if (source is { } src) query = query.Where(h => h.Source == src);
        if (from is { } f) query = query.Where(h => h.ReportedAt >= f);
        if (to is { } until) query = query.Where(h => h.ReportedAt < until);
        if (overdue == true)
            query = query.Where(h => h.Deadline < now && h.Status.IsOneOf(HazardLifecycle.OverdueStatuses));
        else if (overdue == false)
            query = query.Where(h => !(h.Deadline < now && h.Status.IsOneOf(HazardLifecycle.OverdueStatuses)));

        var list = await query.OrderByDescending(h => h.ReportedAt).ToPagedListAsync(paging, ct);
        foreach (var h in list) h.Overdue = HazardLifecycle.IsOverdue(h.Status, h.Deadline, now);
        return new PagedResult<HazardView>(list.ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }
}
