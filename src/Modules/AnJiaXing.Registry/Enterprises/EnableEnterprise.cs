using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Registry.Enterprises;

public static class EnableEnterpriseEndpoint
{
    [Authorize(Policy = Policies.ManageEnterprises)]
    [WolverinePost("/api/enterprises/{id}/enable", OperationId = "EnableEnterprise")]
    public static async Task<EnterpriseVersion> Post(Guid id, ClaimsPrincipal user, IDocumentSession session,
        HttpContext http, CancellationToken ct)
    {
        var outcome = await http.ExecuteAsync(session, id, null, EnterpriseAccess.Manage,
            (enterprise, caller) => CommandPath.One(enterprise.Enable(caller.Actor)), ct);
        return new EnterpriseVersion(id, outcome.Version);
    }
}
