using System.Security.Claims;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Registry.Enterprises;

public static class ListEnterpriseAccountsEndpoint
{
    /// <summary>
    /// The enterprise's user accounts, for those who manage it. Passwords are reset through
    /// <c>POST /api/users/{userId}/reset-password</c>, whose rules already let a town supervisor administer the
    /// EnterpriseUser accounts of their town's enterprises.
    /// </summary>
    [Authorize(Policy = Policies.ManageEnterprises)]
    [WolverineGet("/api/enterprises/{id}/accounts", OperationId = "ListEnterpriseAccounts")]
    public static async Task<PagedResult<UserDto>> Get(Guid id, ClaimsPrincipal user, IQuerySession session,
        int? page, int? pageSize, CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        var enterprise = await session.LoadVisibleAsync(id, user, ct);
        Access.RefuseUnless(EnterpriseAccess.MayManage(Caller.From(user), enterprise.TownId), ProblemLanguage.Say($"您无权管理企业“{enterprise.Name}”。", $"You may not manage '{enterprise.Name}'."));
        var list = await session.Query<UserAccount>().Where(a => a.OrganisationId == id)
            .OrderBy(a => a.Username).ToPagedListAsync(paging, ct);
        return new PagedResult<UserDto>(list.Select(UserDto.From).ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }
}
