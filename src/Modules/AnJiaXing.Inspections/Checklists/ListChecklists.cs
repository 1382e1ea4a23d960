using System.Security.Claims;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Inspections.Checklists;

public static class ListChecklistsEndpoint
{
    /// <summary>Checklists in use that the caller may see (retired ones are left out), current versions with their items.</summary>
    [Authorize]
    [WolverineGet("/api/checklists", OperationId = "ListChecklists")]
    public static async Task<PagedResult<ChecklistDto>> Get(
        ClaimsPrincipal user, IQuerySession session, ChecklistKind? kind, IndustryDomain? domain, string? q, int? page, int? pageSize,
        CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        var caller = Caller.From(user);

        var query = session.Query<Checklist>().Where(c => !c.Retired);
        if (!caller.Scope.IsDistrictWide)
        {
            var own = caller.OrganisationId;
            query = query.Where(c => c.Kind != ChecklistKind.Custom || c.OwnerOrganisationId == own);
        }
        if (kind is { } k) query = query.Where(c => c.Kind == k);
        if (domain is { } d) query = query.Where(c => c.Domain == d);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            query = query.Where(c => c.Name.Contains(term, StringComparison.OrdinalIgnoreCase));
        }

        var list = await query.OrderBy(c => c.Kind).ThenBy(c => c.Name).ToPagedListAsync(paging, ct);
        return new PagedResult<ChecklistDto>(list.Select(ChecklistDto.From).ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }
}
