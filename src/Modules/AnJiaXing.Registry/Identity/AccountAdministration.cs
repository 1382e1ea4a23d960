using System.Security.Claims;
using Marten;
using JasperFx.Events;

namespace AnJiaXing.Registry.Identity;

/// <summary>Lookups the account commands share.</summary>
public static class AccountAdministration
{
    public static async Task<Organisation> LoadTargetOrganisationAsync(this IQuerySession session, Guid organisationId, CancellationToken ct) =>
        await session.LoadAsync<Organisation>(organisationId, ct)
        ?? throw ApiProblemException.Validation("organisationId", ProblemLanguage.Say($"单位“{organisationId}”不存在。", $"Organisation '{organisationId}' does not exist."));
}
