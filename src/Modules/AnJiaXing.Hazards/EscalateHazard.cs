using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Hazards;

public sealed record EscalateHazard(string Reason, long? ExpectedVersion = null);

public sealed class EscalateHazardValidator : AbstractValidator<EscalateHazard>
{
    public EscalateHazardValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
    }
}

public static class EscalateHazardEndpoint
{
    [Authorize]
    [WolverinePost("/api/hazards/{id}/escalate", OperationId = "EscalateHazard")]
    public static Task<HazardCommandResult> Post(Guid id, EscalateHazard command, ClaimsPrincipal user, HttpContext http,
        IDocumentSession session, CancellationToken ct) =>
        HazardCommands.ExecuteAsync(id, command.ExpectedVersion, HazardAction.Escalate, http, session,
            (hazard, caller) => HazardCommands.One(hazard.Escalate(command.Reason, caller.Actor)), ct);
}
