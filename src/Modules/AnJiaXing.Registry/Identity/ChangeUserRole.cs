using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Registry.Identity;

public sealed record ChangeUserRole(Role Role, Guid OrganisationId);

public sealed class ChangeUserRoleValidator : AbstractValidator<ChangeUserRole>
{
    public ChangeUserRoleValidator()
    {
        RuleFor(x => x.Role).IsInEnum();
        RuleFor(x => x.OrganisationId).NotEmpty();
    }
}

public static class ChangeUserRoleEndpoint
{
    /// <summary>Moves an account to another role or organisation; the caller must administer both the old and the new.</summary>
    [Authorize(Policy = Policies.ManageAccounts)]
    [WolverinePost("/api/users/{id}/role", OperationId = "ChangeUserRole")]
    public static async Task<UserDto> Post(Guid id, ChangeUserRole command, ClaimsPrincipal user, IDocumentSession session,
        HttpContext http, CancellationToken ct)
    {
        UserAccount? account = null;
        AccountRoleChanged? changed = null;
        var outcome = await http.ExecuteAsync(session, id, null, AccountAccess.Administer, async (a, caller) =>
        {
            account = a;
            var organisation = await session.LoadTargetOrganisationAsync(command.OrganisationId, ct);
            if (!AccountAccess.MayAdminister(caller, command.Role, organisation.TownId))
                throw ApiProblemException.Forbidden(ProblemLanguage.Say($"您无权授予“{organisation.Name}”的账号 {command.Role} 角色。", $"You may not give {command.Role} accounts of '{organisation.Name}'."));
            return [changed = a.ChangeRole(command.Role, organisation, caller.Actor)];
        }, ct);
        var version = (int)outcome.Version;
        return UserDto.From(account!) with
        {
            Role = changed!.Role, OrganisationId = changed.OrganisationId, OrganisationName = changed.OrganisationName,
            OrganisationKind = changed.OrganisationKind, TownId = changed.TownId,
            Version = version
        };
    }
}
