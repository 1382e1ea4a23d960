using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Registry.Enterprises;

public sealed record DisableEnterprise(string? Reason);

public sealed class DisableEnterpriseValidator : AbstractValidator<DisableEnterprise>
{
    public DisableEnterpriseValidator() => RuleFor(x => x.Reason).MaximumLength(500);
}

public static class DisableEnterpriseEndpoint
{
    /// <summary>From now on its users get no tokens (and every token they hold is refused), and no new hazards are reported against it.</summary>
    [Authorize(Policy = Policies.ManageEnterprises)]
    [WolverinePost("/api/enterprises/{id}/disable", OperationId = "DisableEnterprise")]
    public static async Task<EnterpriseVersion> Post(Guid id, DisableEnterprise? command, ClaimsPrincipal user, IDocumentSession session,
        ScopeGuard guard, HttpContext http, CancellationToken ct)
    {
        var stream = await session.FetchForManagementAsync(id, user, guard, http, ct);
        // Read before appending: AppendOne advances CurrentVersion.
        var version = (stream.CurrentVersion ?? 0) + 1;
        stream.AppendOne(stream.Aggregate!.Disable(command?.Reason, Caller.From(user).Actor));
        http.Response.Headers.ETag = ExpectedVersion.ETag(version);
        return new EnterpriseVersion(id, version);
    }
}
