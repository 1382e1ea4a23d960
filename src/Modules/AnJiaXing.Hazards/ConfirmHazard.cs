using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Hazards;

public sealed record ConfirmHazard(string? Remarks, long? ExpectedVersion = null);

public sealed class ConfirmHazardValidator : AbstractValidator<ConfirmHazard>
{
    public ConfirmHazardValidator()
    {
        RuleFor(x => x.Remarks).MaximumLength(2000);
    }
}

public static class ConfirmHazardEndpoint
{
    /// <summary>The body is optional.</summary>
    [Authorize]
    [WolverinePost("/api/hazards/{id}/confirm", OperationId = "ConfirmHazard")]
    public static Task<HazardCommandResult> Post(Guid id, ConfirmHazard? command, ClaimsPrincipal user, HttpContext http,
        IDocumentSession session, CancellationToken ct) =>
        HazardCommands.ExecuteAsync(id, command?.ExpectedVersion, HazardAction.Confirm, http, session,
            (hazard, caller) => HazardCommands.One(hazard.Confirm(command?.Remarks, caller.Actor)), ct);
}
