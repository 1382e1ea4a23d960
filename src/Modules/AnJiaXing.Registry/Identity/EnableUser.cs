using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Registry.Identity;

public static class EnableUserEndpoint
{
    [Authorize(Policy = Policies.ManageAccounts)]
    [WolverinePost("/api/users/{id}/enable", OperationId = "EnableUser")]
    public static async Task<UserDto> Post(Guid id, ClaimsPrincipal user, IDocumentSession session,
        ScopeGuard guard, HttpContext http, CancellationToken ct)
    {
        var stream = await session.FetchForAdministrationAsync(id, user, guard, http, ct);
        var account = stream.Aggregate!;
        var version = (int)stream.CurrentVersion!.Value + 1;
        stream.AppendOne(account.Enable(Caller.From(user).Actor));
        return UserDto.From(account) with { Enabled = true, Version = version };
    }
}
