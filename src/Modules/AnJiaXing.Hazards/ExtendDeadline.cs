using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Hazards;

public sealed record ExtendDeadline(DateTimeOffset NewDeadline, string Reason, long? ExpectedVersion = null);

public sealed class ExtendDeadlineValidator : AbstractValidator<ExtendDeadline>
{
    public ExtendDeadlineValidator()
    {
        RuleFor(x => x.NewDeadline).NotEmpty();
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
    }
}

public static class ExtendDeadlineEndpoint
{
    [Authorize]
    [WolverinePost("/api/hazards/{id}/extend-deadline", OperationId = "ExtendDeadline")]
    public static Task<HazardCommandResult> Post(Guid id, ExtendDeadline command, ClaimsPrincipal user, HttpContext http,
        IDocumentSession session, CancellationToken ct) =>
        HazardCommands.ExecuteAsync(id, command.ExpectedVersion, HazardAction.ExtendDeadline, http, session,
            (hazard, caller) => HazardCommands.One(hazard.ExtendDeadline(command.NewDeadline, command.Reason, caller.Actor)), ct);
}
