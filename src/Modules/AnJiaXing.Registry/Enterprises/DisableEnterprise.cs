using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Registry.Enterprises;

public sealed record DisableEnterprise(string? Reason);

public sealed class DisableEnterpriseValidator : AbstractValidator<DisableEnterprise>
{
    public DisableEnterpriseValidator() => RuleFor(x => x.Reason).MaximumLength(500);
}

public static class DisableEnterpriseEndpoint
{
    /// <summary>From now on its users get no tokens (and every token they hold is refused), and no new hazards are reported against it.</summary>
    [Authorize(Policy = Policies.ManageEnterprises)]
    [WolverinePost("/api/enterprises/{id}/disable", OperationId = "DisableEnterprise")]
    public static async Task<EnterpriseVersion> Post(Guid id, DisableEnterprise? command, ClaimsPrincipal user, IDocumentSession session,
        HttpContext http, CancellationToken ct)
    {
        var outcome = await http.ExecuteAsync(session, id, null, EnterpriseAccess.Manage,
            (enterprise, caller) => CommandPath.One(enterprise.Disable(command?.Reason, caller.Actor)), ct);
        return new EnterpriseVersion(id, outcome.Version);
    }
}
