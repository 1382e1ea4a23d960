using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Registry.Enterprises;

public sealed record RegisterEnterprise(
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
    double? Longitude = null) : IEnterpriseData;

public sealed class RegisterEnterpriseValidator : EnterpriseDataValidator<RegisterEnterprise>;

public static class RegisterEnterpriseEndpoint
{
    [Authorize(Policy = Policies.ManageEnterprises)]
    [WolverinePost("/api/enterprises", OperationId = "RegisterEnterprise")]
    [IdempotentCreate]
    public static async Task<IResult> Post(RegisterEnterprise command, ClaimsPrincipal user, IDocumentSession session,
        CancellationToken ct)
    {
        var town = await session.LoadTownAsync(command.TownId, ct);
        Access.RefuseUnless(EnterpriseAccess.MayManage(Caller.From(user), town.Id),
            ProblemLanguage.Say($"您无权在{town.Name}登记企业。", $"You may not register enterprises in {town.Name}."));
        await session.RequireUnregisteredAsync(command.CreditCode, null, ct);

        var registered = Enterprise.Register(Guid.CreateVersion7(), command, town, Caller.From(user).Actor);
        session.Events.StartStream<Enterprise>(registered.EnterpriseId, registered);
        return CreatedResponse.At($"/api/enterprises/{registered.EnterpriseId}", registered.EnterpriseId, 1);
    }
}
