using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Registry.Organisations;

public sealed record OrganisationDto(Guid Id, string Name, OrganisationKind Kind, Guid? ParentId, IReadOnlyList<IndustryDomain> Domains);

public static class ListOrganisationsEndpoint
{
    /// <summary>The district, towns and departments visible to the caller (enterprises are listed under /api/enterprises).</summary>
    [Authorize]
    [WolverineGet("/api/organisations", OperationId = "ListOrganisations")]
    public static async Task<IReadOnlyList<OrganisationDto>> Get(ClaimsPrincipal user, IQuerySession session, OrganisationKind? kind, CancellationToken ct)
    {
        var scope = Caller.From(user).Scope;
        var query = session.Query<Organisation>().Where(o => o.Kind != OrganisationKind.Enterprise);
        if (kind is { } k) query = query.Where(o => o.Kind == k);
        var all = await query.OrderBy(o => o.Kind).ThenBy(o => o.Name).ToListAsync(ct);
        return all.Where(scope.CanSee)
            .Select(o => new OrganisationDto(o.Id, o.Name, o.Kind, o.ParentId, o.Domains))
            .ToList();
    }
}
