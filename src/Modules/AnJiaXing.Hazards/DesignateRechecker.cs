using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Hazards;

public sealed record DesignateRechecker(Guid UserId, long? ExpectedVersion = null);

public sealed class DesignateRecheckerValidator : AbstractValidator<DesignateRechecker>
{
    public DesignateRecheckerValidator() => RuleFor(x => x.UserId).NotEmpty();
}

public static class DesignateRecheckerEndpoint
{
    [Authorize]
    [WolverinePost("/api/hazards/{id}/designate-rechecker", OperationId = "DesignateRechecker")]
    public static Task<HazardCommandResult> Post(Guid id, DesignateRechecker command, ClaimsPrincipal user, HttpContext http,
        IDocumentSession session, IdentityCache people, CancellationToken ct) =>
        HazardCommands.ExecuteAsync(id, command.ExpectedVersion, HazardAction.DesignateRechecker, http, session,
            async (hazard, caller) =>
            {
                var rechecker = await people.PersonAsync(session, command.UserId, ct)
                                ?? throw ApiProblemException.Validation("userId", ProblemLanguage.Say("该用户不存在。", "Unknown user."));
                return [hazard.DesignateRechecker(rechecker, caller.Actor)];
            }, ct);
}
