using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Hazards;

public sealed record WithdrawHazard(string Reason, long? ExpectedVersion = null);

public sealed class WithdrawHazardValidator : AbstractValidator<WithdrawHazard>
{
    public WithdrawHazardValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
    }
}

public static class WithdrawHazardEndpoint
{
    [Authorize]
    [WolverinePost("/api/hazards/{id}/withdraw", OperationId = "WithdrawHazard")]
    public static Task<HazardCommandResult> Post(Guid id, WithdrawHazard command, ClaimsPrincipal user, HttpContext http,
        IDocumentSession session, CancellationToken ct) =>
        HazardCommands.ExecuteAsync(id, command.ExpectedVersion, HazardAction.Withdraw, http, session,
            (hazard, caller) => HazardCommands.One(hazard.Withdraw(command.Reason, caller.Actor)), ct);
}
