using System.Linq.Expressions;
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
        var query = InScope(session.Query<Enterprise>(), Caller.From(user).Scope);

        if (townId is { } town) query = query.Where(e => e.TownId == town);
        if (domain is { } d) query = query.Where(e => e.Domains.Contains(d));
        if (enabled is { } on) query = query.Where(e => e.Enabled == on);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLowerInvariant();
            query = query.Where(e => e.SearchText.Contains(term));
        }

        var list = await query.OrderBy(e => e.Name).ThenBy(e => e.Id).ToPagedListAsync(paging.Page, paging.PageSize, ct);
        return new PagedResult<EnterpriseDto>(list.Select(EnterpriseDto.From).ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }

    /// <summary><see cref="AccessScope.CoversEnterprise"/> as a query filter.</summary>
    private static IQueryable<Enterprise> InScope(IQueryable<Enterprise> query, AccessScope scope) => scope.Role switch
    {
        Role.DistrictAdmin or Role.Auditor => query,
        Role.TownSupervisor or Role.ThirdPartyInspector => query.Where(e => e.TownId == scope.TownId),
        Role.EnterpriseUser => query.Where(e => e.Id == scope.EnterpriseId),
        Role.DepartmentOfficer => OfDomains(query, scope.Domains),
        _ => query.Where(e => e.Id == Guid.Empty)
    };

    /// <summary>Enterprises active in any of the domains. Built as OR'ed containment tests, which the jsonb GIN index serves.</summary>
    private static IQueryable<Enterprise> OfDomains(IQueryable<Enterprise> query, IReadOnlyList<IndustryDomain> domains)
    {
        if (domains.Count == 0) return query.Where(e => e.Id == Guid.Empty);
        var e = Expression.Parameter(typeof(Enterprise), "e");
        var contains = typeof(List<IndustryDomain>).GetMethod(nameof(List<IndustryDomain>.Contains))!;
        var any = domains
            .Select(d => (Expression)Expression.Call(Expression.Property(e, nameof(Enterprise.Domains)), contains, Expression.Constant(d)))
            .Aggregate(Expression.OrElse);
        return query.Where(Expression.Lambda<Func<Enterprise, bool>>(any, e));
    }
}
