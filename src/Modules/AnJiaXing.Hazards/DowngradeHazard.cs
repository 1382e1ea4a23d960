using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Hazards;

public sealed record DowngradeHazard(string Reason, long? ExpectedVersion = null);

public sealed class DowngradeHazardValidator : AbstractValidator<DowngradeHazard>
{
    public DowngradeHazardValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
    }
}

public static class DowngradeHazardEndpoint
{
    [Authorize]
    [WolverinePost("/api/hazards/{id}/downgrade", OperationId = "DowngradeHazard")]
    public static Task<HazardCommandResult> Post(Guid id, DowngradeHazard command, ClaimsPrincipal user, HttpContext http,
        IDocumentSession session, CancellationToken ct) =>
        HazardCommands.ExecuteAsync(id, command.ExpectedVersion, HazardAction.Downgrade, http, session,
            (hazard, caller) => HazardCommands.One(hazard.Downgrade(command.Reason, caller.Actor)), ct);
}
