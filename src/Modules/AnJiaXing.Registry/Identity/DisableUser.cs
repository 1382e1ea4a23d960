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
        HttpContext http, CancellationToken ct)
    {
        UserAccount? account = null;
        var outcome = await http.ExecuteAsync(session, id, null, AccountAccess.Administer,
            (a, caller) => CommandPath.One((account = a).Disable(command?.Reason, caller.Actor)), ct);
        return UserDto.From(account!) with { Enabled = false, Version = (int)outcome.Version };
    }
}
