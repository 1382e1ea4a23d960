using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Registry.Enterprises;

/// <summary>Replaces the basic data (PUT): every field as it should be; <c>If-Match</c> or <c>expectedVersion</c> guards against lost updates.</summary>
public sealed record UpdateEnterprise(
    string Name,
    string CreditCode,
    string Address,
    Guid TownId,
    IReadOnlyList<IndustryDomain> Domains,
    string? Scale = null,
    string? LegalRepresentative = null,
    string? SafetyManager = null,
    string? ContactPhone = null,
    double? Latitude = null,
    double? Longitude = null,
    long? ExpectedVersion = null) : IEnterpriseData;

public sealed class UpdateEnterpriseValidator : EnterpriseDataValidator<UpdateEnterprise>;

public static class UpdateEnterpriseEndpoint
{
    [Authorize(Policy = Policies.ManageEnterprises)]
    [WolverinePut("/api/enterprises/{id}", OperationId = "UpdateEnterprise")]
    public static async Task<EnterpriseVersion> Put(Guid id, UpdateEnterprise command, ClaimsPrincipal user, IDocumentSession session,
        HttpContext http, CancellationToken ct)
    {
        var outcome = await http.ExecuteAsync(session, id, command.ExpectedVersion, EnterpriseAccess.Manage, async (enterprise, caller) =>
        {
            var town = await session.LoadTownAsync(command.TownId, ct);
            if (town.Id != enterprise.TownId && !EnterpriseAccess.MayManage(caller, town.Id))
                throw ApiProblemException.Forbidden(ProblemLanguage.Say($"您无权把企业“{enterprise.Name}”迁至{town.Name}。", $"You may not move '{enterprise.Name}' to {town.Name}."));
            if (CreditCode.Normalise(command.CreditCode) != enterprise.CreditCode)
                await session.RequireUnregisteredAsync(command.CreditCode, id, ct);
            return enterprise.Update(command, town, caller.Actor) is { } updated ? [updated] : [];
        }, ct);
        return new EnterpriseVersion(id, outcome.Version);
    }
}
