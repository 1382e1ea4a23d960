using System.Security.Claims;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Inspections.Plans;

public static class GetInspectionPlanEndpoint
{
    [Authorize]
    [WolverineGet("/api/inspection-plans/{id}", OperationId = "GetInspectionPlan")]
    public static async Task<InspectionPlanDto> Get(Guid id, ClaimsPrincipal user, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var plan = await session.LoadAsync<InspectionPlan>(id, ct);
        if (plan is null || !plan.VisibleTo(Caller.From(user))) throw ApiProblemException.NotFound("检查计划", "Inspection plan", id);
        http.AnswerVersion(plan.Version);
        return InspectionPlanDto.From(plan, (await InspectionPlanProgress.ForAsync(session, [plan], ct))[plan.Id]);
    }

    /// <summary>Plans the caller may read, newest first; filter by type, inspector, enterprise, a day the plan runs on, or name.</summary>
    [Authorize]
    [WolverineGet("/api/inspection-plans", OperationId = "SearchInspectionPlans")]
    public static async Task<PagedResult<InspectionPlanDto>> Search(
        InspectionPlanType? type, Guid? inspectorId, Guid? enterpriseId, DateOnly? activeOn, string? q, int? page, int? pageSize,
        ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        var caller = Caller.From(user);
        IQueryable<InspectionPlan> query = session.Query<InspectionPlan>();
        if (!caller.Scope.IsDistrictWide)
            query = query.Where(p => p.OwnerOrganisationId == caller.OrganisationId || p.InspectorIds.Contains(caller.UserId));
        if (type is { } t) query = query.Where(p => p.Type == t);
        if (inspectorId is { } i) query = query.Where(p => p.InspectorIds.Contains(i));
        if (enterpriseId is { } e) query = query.Where(p => p.EnterpriseIds.Contains(e));
        if (activeOn is { } day) query = query.Where(p => p.PeriodStart <= day && p.PeriodEnd >= day);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(p => p.Name.Contains(q.Trim()));

        var list = await query.OrderByDescending(p => p.CreatedAt).ToPagedListAsync(paging, ct);
        var progress = await InspectionPlanProgress.ForAsync(session, list.ToList(), ct);
        return new PagedResult<InspectionPlanDto>(
            list.Select(p => InspectionPlanDto.From(p, progress[p.Id])).ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }
}
