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
        ScopeGuard guard, HttpContext http, CancellationToken ct)
    {
        var stream = await session.FetchForManagementAsync(id, user, guard, http, ct);
        // Read before appending: AppendOne advances CurrentVersion.
        var version = (stream.CurrentVersion ?? 0) + 1;
        stream.AppendOne(stream.Aggregate!.Enable(Caller.From(user).Actor));
        http.Response.Headers.ETag = ExpectedVersion.ETag(version);
        return new EnterpriseVersion(id, version);
    }
}
