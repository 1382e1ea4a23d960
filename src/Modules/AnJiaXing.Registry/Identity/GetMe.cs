using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Registry.Identity;

public sealed record Me(
    Guid Id,
    string Username,
    string DisplayName,
    Role Role,
    Guid OrganisationId,
    string OrganisationName,
    OrganisationKind OrganisationKind,
    Guid? TownId,
    IReadOnlyList<IndustryDomain> Domains);

public static class GetMeEndpoint
{
    [Authorize]
    [WolverineGet("/api/me", OperationId = "GetMe")]
    public static Me Get(ClaimsPrincipal user)
    {
        var c = Caller.From(user);
        return new Me(c.UserId, c.Username, c.DisplayName, c.Role, c.OrganisationId, c.OrganisationName, c.OrganisationKind, c.TownId, c.Domains);
    }
}
