using System.Security.Claims;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Registry.Identity;

public static class ListUsersEndpoint
{
    /// <summary>Accounts within the caller's scope: everything for district admins and auditors, own town (and its enterprises) for town supervisors.</summary>
    [Authorize(Policy = Policies.ReadAccounts)]
    [WolverineGet("/api/users", OperationId = "ListUsers")]
    public static async Task<PagedResult<UserDto>> Get(
        ClaimsPrincipal user, IQuerySession session,
        Guid? organisationId, Role? role, bool? enabled, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        var scope = Caller.From(user).Scope;

        IQueryable<UserAccount> query = session.Query<UserAccount>();
        if (!scope.IsDistrictWide) query = query.Where(a => a.TownId == scope.TownId);
        if (organisationId is { } org) query = query.Where(a => a.OrganisationId == org);
        if (role is { } r) query = query.Where(a => a.Role == r);
        if (enabled is { } e) query = query.Where(a => a.Enabled == e);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLowerInvariant();
            query = query.Where(a => a.Username.Contains(term) || a.DisplayName.Contains(q.Trim()));
        }

        var list = await query.OrderBy(a => a.Username).ToPagedListAsync(paging, ct);
        return new PagedResult<UserDto>(list.Select(UserDto.From).ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }

    [Authorize(Policy = Policies.ReadAccounts)]
    [WolverineGet("/api/users/{id}", OperationId = "GetUser")]
    public static async Task<UserDto> GetOne(Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var account = await session.LoadAsync<UserAccount>(id, ct);
        var scope = Caller.From(user).Scope;
        if (account is null || !(scope.IsDistrictWide || (account.TownId is { } t && scope.CoversTown(t))))
            throw ApiProblemException.NotFound(AccountAccess.Name, id);
        return UserDto.From(account);
    }
}
