using System.Security.Claims;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.RiskControl.RiskPoints;

public static class GetRiskPointEndpoint
{
    /// <summary>The risk point now, with its assessment history; outside the caller's scope it does not exist.</summary>
    [Authorize]
    [WolverineGet("/api/risk-points/{id}", OperationId = "GetRiskPoint")]
    public static async Task<RiskPointView> Get(Guid id, ClaimsPrincipal user, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var point = await RiskPointReads.VisibleAsync(id, Caller.From(user), session, ct);
        http.AnswerVersion(point.Version);
        return point;
    }
}

public static class SearchRiskPointsEndpoint
{
    /// <summary>Risk points in the caller's scope, highest level first, then by name.</summary>
    [Authorize]
    [WolverineGet("/api/risk-points", OperationId = "SearchRiskPoints")]
    public static async Task<PagedResult<RiskPointView>> Get(
        Guid? enterpriseId, Guid? townId, IndustryDomain? domain, RiskLevel? level, string? q, int? page, int? pageSize,
        ClaimsPrincipal user, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        // ?public= is read by hand: Wolverine's generated code would name a local after the parameter, and `public` is a keyword.
        bool? @public = http.Request.Query["public"].ToString() is { Length: > 0 } raw
            ? bool.TryParse(raw, out var b) ? b : throw ApiProblemException.Validation("public", ProblemLanguage.Say("public 须为 true 或 false。", "public must be true or false."))
            : null;
        var paging = Paging.From(page, pageSize);
        var caller = Caller.From(user);
        var query = session.Query<RiskPointView>().InScope(caller.Scope.Constraint,
            nameof(RiskPointView.EnterpriseId), nameof(RiskPointView.TownId), domain: nameof(RiskPointView.Domain));
        if (enterpriseId is { } e) query = query.Where(p => p.EnterpriseId == e);
        if (townId is { } t) query = query.Where(p => p.TownId == t);
        if (domain is { } d) query = query.Where(p => p.Domain == d);
        if (level is { } l) query = query.Where(p => p.Level == l);
        if (@public is { } pub) query = query.Where(p => p.Public == pub);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            query = query.Where(p => p.Name.Contains(term) || p.Category.Contains(term));
        }
        var list = await query.OrderBy(p => p.Level).ThenBy(p => p.Name).ToPagedListAsync(paging, ct);
        return new PagedResult<RiskPointView>(list.ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }
}

public static class RiskPointReads
{
    public static async Task<RiskPointView> VisibleAsync(Guid id, Caller caller, IQuerySession session, CancellationToken ct)
    {
        var point = await session.LoadAsync<RiskPointView>(id, ct);
        if (point is null || !RiskPointAccess.Sees(caller, point)) throw ApiProblemException.NotFound(RiskPointAccess.Name, id);
        return point;
    }
}
