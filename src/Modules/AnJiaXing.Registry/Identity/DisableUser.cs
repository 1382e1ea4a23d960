using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Registry.Identity;

public sealed record DisableUser(string? Reason);

public sealed class DisableUserValidator : AbstractValidator<DisableUser>
{
    public DisableUserValidator() => RuleFor(x => x.Reason).MaximumLength(500);
}

public static class DisableUserEndpoint
{
    [Authorize(Policy = Policies.ManageAccounts)]
    [WolverinePost("/api/users/{id}/disable", OperationId = "DisableUser")]
    public static async Task<UserDto> Post(Guid id, DisableUser? command, ClaimsPrincipal user, IDocumentSession session,
        ScopeGuard guard, HttpContext http, CancellationToken ct)
    {
        var stream = await session.FetchForAdministrationAsync(id, user, guard, http, ct);
        var account = stream.Aggregate!;
        var disabled = account.Disable(command?.Reason, Caller.From(user).Actor);
        var version = (int)stream.CurrentVersion!.Value + 1;
        stream.AppendOne(disabled);
        return UserDto.From(account) with { Enabled = false, Version = version };
    }
}
