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

        // An inspector also sees the inspections they made, wherever they were.
        var me = caller.UserId;
        var query = session.Query<InspectionRecord>().InScope(caller.Scope.Constraint,
            nameof(InspectionRecord.EnterpriseId), nameof(InspectionRecord.TownId), domains: nameof(InspectionRecord.Domains),
            alsoVisible: r => r.InspectorId == me);

        if (enterpriseId is { } e) query = query.Where(r => r.EnterpriseId == e);
        if (inspectorId is { } i) query = query.Where(r => r.InspectorId == i);
        if (planId is { } p) query = query.Where(r => r.PlanId == p);
        if (kind is { } k) query = query.Where(r => r.Kind == k);
        if (status is { } s) query = query.Where(r => r.Status == s);
        if (from is { } f) query = query.Where(r => r.StartedAt >= f);
        if (to is { } until) query = query.Where(r => r.StartedAt < until);

        var list = await query.OrderByDescending(r => r.StartedAt).ToPagedListAsync(paging, ct);
        return new PagedResult<InspectionRecord>(list.ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }
}
