using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Hazards;

public sealed record DismissHazard(string Reason, long? ExpectedVersion = null);

public sealed class DismissHazardValidator : AbstractValidator<DismissHazard>
{
    public DismissHazardValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
    }
}

public static class DismissHazardEndpoint
{
    [Authorize]
    [WolverinePost("/api/hazards/{id}/dismiss", OperationId = "DismissHazard")]
    public static Task<HazardCommandResult> Post(Guid id, DismissHazard command, ClaimsPrincipal user, HttpContext http,
        IDocumentSession session, CancellationToken ct) =>
        HazardCommands.ExecuteAsync(id, command.ExpectedVersion, HazardAction.Dismiss, http, session,
            (hazard, caller) => HazardCommands.One(hazard.Dismiss(command.Reason, caller.Actor)), ct);
}
