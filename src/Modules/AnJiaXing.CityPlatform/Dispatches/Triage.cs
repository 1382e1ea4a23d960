using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using AnJiaXing.Platform.Tenancy;
using Marten;
using Wolverine;
using Wolverine.Http;

namespace AnJiaXing.CityPlatform.Dispatches;

/// <summary>
/// The town's triage of dispatches no enterprise matched: the supervisor lists them, resolves one by choosing the
/// enterprise (the hazard is raised with source CityOpsDispatch, as for a dispatch matched on arrival) or rejects it with
/// a reason, which goes back to the city through the feed (<c>dispatch.rejected.v1</c>).
/// </summary>
public static class TriageEndpoints
{
    /// <summary><c>GET /api/integration/city/triage?status=Triage|Accepted|Rejected</c>: the caller's town's items, oldest first (open ones by default).</summary>
    [Authorize]
    [WolverineGet("/api/integration/city/triage", OperationId = "SearchCityTriage")]
    public static async Task<PagedResult<CityTriageItem>> Search(string? status, int? page, int? pageSize, ClaimsPrincipal user, IQuerySession session,
        CancellationToken ct)
    {
        var caller = Caller.From(user);
        Access.RefuseUnless(CityAccess.SeesTriage(caller), ProblemLanguage.Say("只有镇街监管人员、区管理员和审计员可以查看一网统管派单的分拣。", "Only town supervisors, district admins and auditors see the triage of city dispatches."));
        var paging = Paging.From(page, pageSize);
        var wanted = CityDispatchStatus.Triage;
        if (status is not null && (!Enum.TryParse(status, ignoreCase: false, out wanted) || !Enum.IsDefined(wanted)))
            throw ApiProblemException.Validation("status", ProblemLanguage.Say("status 应为 Triage、Accepted 或 Rejected。", "status must be Triage, Accepted or Rejected."));
        var found = await session.Query<CityDispatch>().Where(d => d.Triaged && d.Status == wanted)
            .InScope(caller.Scope.Constraint, nameof(CityDispatch.EnterpriseId), nameof(CityDispatch.TownId))
            .OrderBy(d => d.ReceivedAt).ThenBy(d => d.Id).ToPagedListAsync(paging, ct);
        return new PagedResult<CityTriageItem>(found.Select(d => d.ToTriageItem()).ToList(), paging.Page, paging.PageSize, found.TotalItemCount);
    }

    /// <summary>
    /// <c>POST /api/integration/city/triage/{dispatchId}/resolve</c> <c>{ enterpriseId }</c>: the dispatch is about this
    /// enterprise (of the supervisor's town); its hazard is raised like a matched dispatch's. 409 once settled.
    /// </summary>
    [Authorize]
    [WolverinePost("/api/integration/city/triage/{dispatchId}/resolve", OperationId = "ResolveCityTriage")]
    public static async Task<CityTriageItem> Resolve(string dispatchId, ResolveCityTriage command, ClaimsPrincipal user, IDocumentSession session,
        IDocumentStore store, IMessageBus bus, TownDatabases towns, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        if (command.EnterpriseId is not { } enterpriseId || enterpriseId == Guid.Empty)
            throw ApiProblemException.Validation("enterpriseId", ProblemLanguage.Say("请选择派单所指的企业。", "Choose the enterprise the dispatch is about."));
        await using var serial = await AdvisoryLock.AcquireAsync(store, ReceiveDispatchEndpoint.LockClass, dispatchId, ct);
        var dispatch = await OpenAsync(dispatchId, caller, session, ct);
        var enterprise = await session.LoadAsync<Organisation>(enterpriseId, ct);
        if (enterprise is not { Kind: OrganisationKind.Enterprise } || !caller.Scope.CanSee(enterprise))
            throw ApiProblemException.Validation("enterpriseId", ProblemLanguage.Say("企业不存在或不在本镇街。", "The enterprise does not exist or is not in this town."));
        if (!enterprise.Enabled) throw ApiProblemException.Validation("enterpriseId", ProblemLanguage.Say("该企业已停用，不能登记隐患。", "The enterprise is disabled; no hazard can be recorded for it."));

        var now = clock.GetUtcNow();
        dispatch.TownId = enterprise.TownId;
        dispatch.SettledBy = caller.Actor;
        dispatch.SettledAt = now;
        await ReceiveDispatchEndpoint.AcceptAsync(dispatch, enterprise, bus, towns, now);
        session.Store(dispatch);
        await session.SaveChangesAsync(ct);
        return dispatch.ToTriageItem();
    }

    /// <summary>
    /// <c>POST /api/integration/city/triage/{dispatchId}/reject</c> <c>{ reason }</c>: no enterprise of the town is meant;
    /// the reason goes back to the city in the feed, in the same transaction. 409 once settled.
    /// </summary>
    [Authorize]
    [WolverinePost("/api/integration/city/triage/{dispatchId}/reject", OperationId = "RejectCityTriage")]
    public static async Task<CityTriageItem> Reject(string dispatchId, RejectCityTriage command, ClaimsPrincipal user, IDocumentSession session,
        IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var reason = command.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 500)
            throw ApiProblemException.Validation("reason", ProblemLanguage.Say("请填写退回原因（不超过 500 个字符），它将反馈给一网统管。", "Give the reason for returning it (at most 500 characters); it is sent back to the city platform."));
        await using var serial = await AdvisoryLock.AcquireAsync(store, ReceiveDispatchEndpoint.LockClass, dispatchId, ct);
        var dispatch = await OpenAsync(dispatchId, caller, session, ct);

        var now = clock.GetUtcNow();
        dispatch.Status = CityDispatchStatus.Rejected;
        dispatch.RejectionReason = reason;
        dispatch.SettledBy = caller.Actor;
        dispatch.SettledAt = now;
        session.Store(dispatch);
        session.Store(DispatchFeedMessages.Rejected(dispatch, caller.Actor, now));
        await session.SaveChangesAsync(ct);
        return dispatch.ToTriageItem();
    }

    /// <summary>The caller's open triage item: 404 outside their town, 403 for a role that may not settle, 409 once settled.</summary>
    private static async Task<CityDispatch> OpenAsync(string dispatchId, Caller caller, IDocumentSession session, CancellationToken ct)
    {
        var dispatch = await session.LoadAsync<CityDispatch>(dispatchId, ct);
        Access.HideUnless(dispatch is { Triaged: true } && CityAccess.SeesTriage(caller, dispatch.TownId), new Noun("待分拣派单", "Dispatch in triage"), dispatchId);
        Access.RefuseUnless(CityAccess.MaySettle(caller), ProblemLanguage.Say("只有镇街监管人员和区管理员可以分拣派单。", "Only town supervisors and district admins triage dispatches."));
        if (dispatch!.Status != CityDispatchStatus.Triage)
            throw ApiProblemException.Conflict(ProblemLanguage.Say($"该派单已分拣（{dispatch.Status}），不能再次处理。", $"The dispatch was already triaged ({dispatch.Status}); it cannot be handled again."));
        return dispatch;
    }
}
