using System.Security.Claims;
using AnJiaXing.Api.Infrastructure.Http;
using AnJiaXing.Api.Infrastructure.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Api.Enterprises;

public static class GetEnterpriseFileEndpoint
{
    /// <summary>The enterprise file (一企一档) read model; scope as for the enterprise itself.</summary>
    [Authorize]
    [WolverineGet("/api/enterprises/{id}/file", OperationId = "GetEnterpriseFile")]
    public static async Task<EnterpriseFile> Get(Guid id, ClaimsPrincipal user, IQuerySession session, ScopeGuard guard, CancellationToken ct)
    {
        var file = await session.LoadAsync<EnterpriseFile>(id, ct) ?? throw ApiProblemException.NotFound("Enterprise", id);
        await guard.DemandOrHideAsync(user, new EnterpriseTarget(id, file.Basic.TownId, file.Basic.Domains),
            ReadEnterpriseRequirement.Instance, "Enterprise", id);
        return file;
    }
}
