using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Hazards;

public sealed record DecideClosure(bool Approved, string? Remarks, long? ExpectedVersion = null);

public sealed class DecideClosureValidator : AbstractValidator<DecideClosure>
{
    public DecideClosureValidator()
    {
        RuleFor(x => x.Remarks).MaximumLength(2000);
        RuleFor(x => x.Remarks).NotEmpty().When(x => !x.Approved).WithMessage(_ => ProblemLanguage.Say("驳回销号须说明理由。", "A rejected closure must give its reasons."));
    }
}

public static class DecideClosureEndpoint
{
    [Authorize]
    [WolverinePost("/api/hazards/{id}/closure-decision", OperationId = "DecideClosure")]
    public static Task<HazardCommandResult> Post(Guid id, DecideClosure command, ClaimsPrincipal user, HttpContext http,
        IDocumentSession session, CancellationToken ct) =>
        HazardCommands.ExecuteAsync(id, command.ExpectedVersion, HazardAction.DecideClosure, http, session,
            (hazard, caller) => Task.FromResult(hazard.DecideClosure(command.Approved, command.Remarks, caller.Actor)), ct);
}
