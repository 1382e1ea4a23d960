using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Hazards;

public sealed record SubmitRectification(string Description, Guid[]? EvidenceIds, long? ExpectedVersion = null);

public sealed class SubmitRectificationValidator : AbstractValidator<SubmitRectification>
{
    public SubmitRectificationValidator()
    {
        RuleFor(x => x.Description).NotEmpty().MaximumLength(4000);
        RuleFor(x => x.EvidenceIds).Must(ids => ids is null || ids.Length <= 20).WithMessage(_ => ProblemLanguage.Say("证据至多 20 份。", "At most 20 pieces of evidence."));
    }
}

public static class SubmitRectificationEndpoint
{
    /// <summary>Submit the rectification (or, for a general hazard still Reported, the on-the-spot rectification).</summary>
    [Authorize]
    [WolverinePost("/api/hazards/{id}/rectification", OperationId = "SubmitRectification")]
    public static Task<HazardCommandResult> Post(Guid id, SubmitRectification command, ClaimsPrincipal user, HttpContext http,
        IDocumentSession session, CancellationToken ct) =>
        HazardCommands.ExecuteAsync(id, command.ExpectedVersion, HazardAction.SubmitRectification, http, session,
            async (hazard, caller) =>
            {
                var evidence = await session.TakeIntoUseAsync(command.EvidenceIds, caller, hazard.EvidenceUse(), ct);
                return [hazard.SubmitRectification(command.Description, evidence, caller.Actor)];
            }, ct);
}
