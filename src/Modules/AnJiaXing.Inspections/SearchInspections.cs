using System.Linq.Expressions;
using System.Security.Claims;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Inspections;

public static class SearchInspectionsEndpoint
{
    /// <summary>Inspection records (检查记录) in the caller's scope from the indexed read model, newest first.</summary>
    [Authorize]
    [WolverineGet("/api/inspections", OperationId = "SearchInspections")]
    public static async Task<PagedResult<InspectionRecord>> Get(
        Guid? enterpriseId, Guid? inspectorId, Guid? planId, InspectionKind? kind, InspectionStatus? status,
        DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize,
        ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        var caller = Caller.From(user);

        IQueryable<InspectionRecord> query = session.Query<InspectionRecord>();
        query = caller.Role switch
        {
            Role.DistrictAdmin or Role.Auditor => query,
            Role.TownSupervisor or Role.ThirdPartyInspector => query.Where(r => r.TownId == caller.TownId || r.InspectorId == caller.UserId),
            Role.DepartmentOfficer => query.Where(AnyOfDomains(caller.Domains, caller.UserId)),
            Role.EnterpriseUser => query.Where(r => r.EnterpriseId == caller.EnterpriseId || r.InspectorId == caller.UserId),
            _ => query.Where(r => false)
        };

        if (enterpriseId is { } e) query = query.Where(r => r.EnterpriseId == e);
        if (inspectorId is { } i) query = query.Where(r => r.InspectorId == i);
        if (planId is { } p) query = query.Where(r => r.PlanId == p);
        if (kind is { } k) query = query.Where(r => r.Kind == k);
        if (status is { } s) query = query.Where(r => r.Status == s);
        if (from is { } f) query = query.Where(r => r.StartedAt >= f);
        if (to is { } until) query = query.Where(r => r.StartedAt < until);

        var list = await query.OrderByDescending(r => r.StartedAt).ToPagedListAsync(paging.Page, paging.PageSize, ct);
        return new PagedResult<InspectionRecord>(list.ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }

    /// <summary><c>r =&gt; r.InspectorId == me || r.Domains.Contains(d1) || …</c>: a department sees inspections touching its domains.</summary>
    private static Expression<Func<InspectionRecord, bool>> AnyOfDomains(IReadOnlyList<IndustryDomain> domains, Guid me)
    {
        var r = Expression.Parameter(typeof(InspectionRecord), "r");
        Expression body = Expression.Equal(Expression.Property(r, nameof(InspectionRecord.InspectorId)), Expression.Constant(me));
        var contains = typeof(List<IndustryDomain>).GetMethod(nameof(List<IndustryDomain>.Contains))!;
        foreach (var d in domains)
            body = Expression.OrElse(body, Expression.Call(Expression.Property(r, nameof(InspectionRecord.Domains)), contains, Expression.Constant(d)));
        return Expression.Lambda<Func<InspectionRecord, bool>>(body, r);
    }
}
