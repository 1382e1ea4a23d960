using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Registry.Enterprises;

public static class GetEnterpriseEndpoint
{
    [Authorize]
    [WolverineGet("/api/enterprises/{id}", OperationId = "GetEnterprise")]
    public static async Task<EnterpriseDto> Get(Guid id, ClaimsPrincipal user, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var enterprise = await session.LoadVisibleAsync(id, user, ct);
        http.AnswerVersion(enterprise.Version);
        return EnterpriseDto.From(enterprise);
    }
}
