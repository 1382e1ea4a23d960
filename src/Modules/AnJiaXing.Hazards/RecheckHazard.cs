using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Hazards;

public sealed record RecheckHazard(bool Passed, string? Remarks, Guid[]? EvidenceIds, long? ExpectedVersion = null);

public sealed class RecheckHazardValidator : AbstractValidator<RecheckHazard>
{
    public RecheckHazardValidator()
    {
        RuleFor(x => x.Remarks).MaximumLength(4000);
        RuleFor(x => x.Remarks).NotEmpty().When(x => !x.Passed).WithMessage(_ => ProblemLanguage.Say("复查不通过须说明理由。", "A failed recheck must give its reasons."));
        RuleFor(x => x.EvidenceIds).Must(ids => ids is null || ids.Length <= 20).WithMessage(_ => ProblemLanguage.Say("证据至多 20 份。", "At most 20 pieces of evidence."));
    }
}

public static class RecheckHazardEndpoint
{
    [Authorize]
    [WolverinePost("/api/hazards/{id}/recheck", OperationId = "RecheckHazard")]
    public static Task<HazardCommandResult> Post(Guid id, RecheckHazard command, ClaimsPrincipal user, HttpContext http,
        IDocumentSession session, CancellationToken ct) =>
        HazardCommands.ExecuteAsync(id, command.ExpectedVersion, HazardAction.Recheck, http, session,
            async (hazard, caller) =>
            {
                var evidence = await session.TakeIntoUseAsync(command.EvidenceIds, caller, hazard.EvidenceUse(), ct);
                return hazard.Recheck(command.Passed, command.Remarks, evidence, caller);
            }, ct);
}
