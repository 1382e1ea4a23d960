using System.Security.Claims;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Registry.Enterprises;

public static class SearchEnterprisesEndpoint
{
    /// <summary>Enterprises in the caller's scope; <c>q</c> matches part of the name or credit code, case-insensitively.</summary>
    [Authorize]
    [WolverineGet("/api/enterprises", OperationId = "SearchEnterprises")]
    public static async Task<PagedResult<EnterpriseDto>> Get(ClaimsPrincipal user, IQuerySession session,
        Guid? townId, IndustryDomain? domain, string? q, bool? enabled, int? page, int? pageSize, CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        var query = session.Query<Enterprise>().InScope(Caller.From(user).Scope.Constraint,
            nameof(Enterprise.Id), nameof(Enterprise.TownId), domains: nameof(Enterprise.Domains));

        if (townId is { } town) query = query.Where(e => e.TownId == town);
        if (domain is { } d) query = query.Where(e => e.Domains.Contains(d));
        if (enabled is { } on) query = query.Where(e => e.Enabled == on);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLowerInvariant();
            query = query.Where(e => e.SearchText.Contains(term));
        }

        var list = await query.OrderBy(e => e.Name).ThenBy(e => e.Id).ToPagedListAsync(paging, ct);
        return new PagedResult<EnterpriseDto>(list.Select(EnterpriseDto.From).ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }
}
