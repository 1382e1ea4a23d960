using System.Security.Claims;
using Marten;
using JasperFx.Events;

namespace AnJiaXing.Registry.Identity;

/// <summary>Loads an account stream for an administrative command, with scope checked by the shared requirement.</summary>
public static class AccountAdministration
{
    public static async Task<IEventStream<UserAccount>> FetchForAdministrationAsync(
        this IDocumentSession session, Guid id, ClaimsPrincipal user, ScopeGuard guard, HttpContext http, CancellationToken ct)
    {
        var stream = await session.FetchForCommandAsync<UserAccount>(id, ExpectedVersion.From(http), "Account", ct);
        var account = stream.Aggregate!;
        var organisation = await session.LoadAsync<Organisation>(account.OrganisationId, ct)
                           ?? throw ApiProblemException.NotFound("Organisation", account.OrganisationId);
        await guard.DemandAsync(user, new AccountTarget(organisation, account.Role), AdministerAccountRequirement.Instance,
            $"You may not administer the account '{account.Username}'.");
        return stream;
    }

    public static async Task<Organisation> LoadTargetOrganisationAsync(this IQuerySession session, Guid organisationId, CancellationToken ct) =>
        await session.LoadAsync<Organisation>(organisationId, ct)
        ?? throw ApiProblemException.Validation("organisationId", $"Organisation '{organisationId}' does not exist.");
}
