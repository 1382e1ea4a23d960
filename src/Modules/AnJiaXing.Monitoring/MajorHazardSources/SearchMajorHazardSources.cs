using System.Security.Claims;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Monitoring.MajorHazardSources;

public static class SearchMajorHazardSourcesEndpoint
{
    /// <summary>Major hazard sources in the caller's scope, highest grade (1) first.</summary>
    [Authorize]
    [WolverineGet("/api/major-hazard-sources", OperationId = "SearchMajorHazardSources")]
    public static async Task<PagedResult<MajorHazardSourceView>> Get(Guid? enterpriseId, int? grade, int? page, int? pageSize,
        ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        var caller = Caller.From(user);
        var query = session.Query<MajorHazardSourceView>().InScope(caller.Scope.Constraint,
            nameof(MajorHazardSourceView.EnterpriseId), nameof(MajorHazardSourceView.TownId), domains: nameof(MajorHazardSourceView.Domains));
        if (enterpriseId is { } e) query = query.Where(s => s.EnterpriseId == e);
        if (grade is { } g) query = query.Where(s => s.Grade == g);
        var list = await query.OrderBy(s => s.Grade).ThenBy(s => s.Name).ToPagedListAsync(paging, ct);
        return new PagedResult<MajorHazardSourceView>(list.ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }

    /// <summary>One major hazard source.</summary>
    [Authorize]
    [WolverineGet("/api/major-hazard-sources/{id}", OperationId = "GetMajorHazardSource")]
    public static async Task<MajorHazardSourceView> GetOne(Guid id, ClaimsPrincipal user, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var view = await session.LoadAsync<MajorHazardSourceView>(id, ct);
        if (view is null || !MajorHazardSourceAccess.Sees(caller, view.EnterpriseId, view.TownId, view.Domains))
            throw ApiProblemException.NotFound("重大危险源", "Major hazard source", id);
        http.AnswerVersion(view.Version);
        return view;
    }
}
