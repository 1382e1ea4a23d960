using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace AnJiaXing.Platform.Security;

/// <summary>
/// Asks the authorization requirements about a resource and turns a "no" into the problem response: 403, or
/// 404 where admitting the resource exists would leak it. Endpoints call this instead of testing roles themselves.
/// </summary>
public sealed class ScopeGuard(IAuthorizationService authorization)
{
    public async Task DemandAsync(ClaimsPrincipal user, object resource, IAuthorizationRequirement requirement, string refusal)
    {
        var result = await authorization.AuthorizeAsync(user, resource, requirement);
        if (!result.Succeeded) throw ApiProblemException.Forbidden(refusal);
    }

    public async Task DemandOrHideAsync(ClaimsPrincipal user, object resource, IAuthorizationRequirement requirement, string what, object id)
    {
        var result = await authorization.AuthorizeAsync(user, resource, requirement);
        if (!result.Succeeded) throw ApiProblemException.NotFound(what, id);
    }
}
