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
        HttpContext http, CancellationToken ct)
    {
        UserAccount? account = null;
        var outcome = await http.ExecuteAsync(session, id, null, AccountAccess.Administer,
            (a, caller) => CommandPath.One((account = a).Enable(caller.Actor)), ct);
        return UserDto.From(account!) with { Enabled = true, Version = (int)outcome.Version };
    }
}
