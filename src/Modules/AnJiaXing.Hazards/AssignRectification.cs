using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Hazards;

public sealed record AssignRectification(
    Guid ResponsibleUserId,
    DateTimeOffset Deadline,
    string? Measures,
    decimal? Funds,
    string? ContingencyPlan,
    long? ExpectedVersion = null);

public sealed class AssignRectificationValidator : AbstractValidator<AssignRectification>
{
    public AssignRectificationValidator()
    {
        RuleFor(x => x.ResponsibleUserId).NotEmpty();
        RuleFor(x => x.Deadline).NotEmpty();
        RuleFor(x => x.Measures).MaximumLength(4000);
        RuleFor(x => x.ContingencyPlan).MaximumLength(4000);
        RuleFor(x => x.Funds).GreaterThanOrEqualTo(0);
    }
}

public static class AssignRectificationEndpoint
{
    [Authorize]
    [WolverinePost("/api/hazards/{id}/assign", OperationId = "AssignRectification")]
    public static Task<HazardCommandResult> Post(Guid id, AssignRectification command, ClaimsPrincipal user, HttpContext http,
        IDocumentSession session, IdentityCache people, TimeProvider clock, CancellationToken ct) =>
        HazardCommands.ExecuteAsync(id, command.ExpectedVersion, HazardAction.Assign, http, session,
            async (hazard, caller) =>
            {
                var responsible = await people.PersonAsync(session, command.ResponsibleUserId, ct)
                                  ?? throw ApiProblemException.Validation("responsibleUserId", ProblemLanguage.Say("该用户不存在。", "Unknown user."));
                return [hazard.Assign(responsible, command.Deadline, command.Measures, command.Funds, command.ContingencyPlan,
                    clock.GetUtcNow(), caller.Actor)];
            }, ct);
}
