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
        ScopeGuard guard, HttpContext http, CancellationToken ct)
    {
        var stream = await session.FetchForManagementAsync(id, user, guard, http, ct, command.ExpectedVersion);

        var enterprise = stream.Aggregate!;
        var town = await session.LoadTownAsync(command.TownId, ct);
        if (town.Id != enterprise.TownId)
            await guard.DemandAsync(user, new EnterpriseTarget(id, town.Id, command.Domains), ManageEnterpriseRequirement.Instance,
                $"You may not move '{enterprise.Name}' to {town.Name}.");
        if (CreditCode.Normalise(command.CreditCode) != enterprise.CreditCode)
            await session.RequireUnregisteredAsync(command.CreditCode, id, ct);

        var version = stream.CurrentVersion ?? 0;
        if (enterprise.Update(command, town, Caller.From(user).Actor) is { } updated)
        {
            stream.AppendOne(updated);
            version++;
        }
        http.Response.Headers.ETag = ExpectedVersion.ETag(version);
        return new EnterpriseVersion(id, version);
    }
}
