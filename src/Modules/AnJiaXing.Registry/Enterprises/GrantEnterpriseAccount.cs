using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Wolverine.Http;

namespace AnJiaXing.Registry.Enterprises;

public sealed record GrantEnterpriseAccount(string Username, string DisplayName, string Password);

public sealed class GrantEnterpriseAccountValidator : AbstractValidator<GrantEnterpriseAccount>
{
    public GrantEnterpriseAccountValidator()
    {
        RuleFor(x => x.Username).NotEmpty().Length(3, 64)
            .Matches("^[A-Za-z0-9][A-Za-z0-9._-]*$").WithMessage(_ => ProblemLanguage.Say("只能使用字母、数字、“.”、“_”或“-”，并以字母或数字开头。", "Use letters, digits, '.', '_' or '-', starting with a letter or digit."));
        RuleFor(x => x.DisplayName).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Password).StrongPassword();
    }
}

public static class GrantEnterpriseAccountEndpoint
{
    /// <summary>Opens an EnterpriseUser account of the enterprise: the account stream and the grant on the enterprise stream, in one transaction.</summary>
    [Authorize(Policy = Policies.ManageEnterprises)]
    [WolverinePost("/api/enterprises/{id}/accounts", OperationId = "GrantEnterpriseAccount")]
    [IdempotentCreate]
    public static async Task<IResult> Post(Guid id, GrantEnterpriseAccount command, ClaimsPrincipal user, IDocumentSession session,
        HttpContext http, IPasswordHasher<Person> hasher, TimeProvider clock, CancellationToken ct)
    {
        AccountCreated? created = null;
        await http.ExecuteAsync(session, id, null, EnterpriseAccess.Manage, async (enterprise, caller) =>
        {
            var organisation = await session.LoadTargetOrganisationAsync(id, ct);
            enterprise.GrantAccount(Guid.Empty, command.Username, command.DisplayName, caller.Actor); // refuses before anything is written
            created = await AccountRegistration.OpenAsync(session, hasher, clock, command.Username, command.DisplayName, command.Password,
                Role.EnterpriseUser, organisation, caller.Actor, ct);
            return [enterprise.GrantAccount(created.AccountId, created.Username, created.DisplayName, caller.Actor)];
        }, ct);
        // The answer is about the account created (version 1), not the enterprise stream it was granted on.
        http.AnswerVersion(1);
        return CreatedResponse.At($"/api/users/{created!.AccountId}", created.AccountId, 1);
    }
}
