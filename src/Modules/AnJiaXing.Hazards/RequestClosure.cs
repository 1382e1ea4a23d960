using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Hazards;

public sealed record RequestClosure(string? Remarks, long? ExpectedVersion = null);

public sealed class RequestClosureValidator : AbstractValidator<RequestClosure>
{
    public RequestClosureValidator()
    {
        RuleFor(x => x.Remarks).MaximumLength(2000);
    }
}

public static class RequestClosureEndpoint
{
    /// <summary>The body is optional.</summary>
    [Authorize]
    [WolverinePost("/api/hazards/{id}/closure-request", OperationId = "RequestClosure")]
    public static Task<HazardCommandResult> Post(Guid id, RequestClosure? command, ClaimsPrincipal user, HttpContext http,
        IDocumentSession session, CancellationToken ct) =>
        HazardCommands.ExecuteAsync(id, command?.ExpectedVersion, HazardAction.RequestClosure, http, session,
            (hazard, caller) => HazardCommands.One(hazard.RequestClosure(command?.Remarks, caller.Actor)), ct);
}
