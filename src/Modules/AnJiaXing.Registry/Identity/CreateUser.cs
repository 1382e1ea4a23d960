using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Wolverine.Http;

namespace AnJiaXing.Registry.Identity;

public sealed record CreateUser(string Username, string DisplayName, string Password, Role Role, Guid OrganisationId);

public sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public CreateUserValidator()
    {
        RuleFor(x => x.Username).NotEmpty().Length(3, 64)
            .Matches("^[A-Za-z0-9][A-Za-z0-9._-]*$").WithMessage(_ => ProblemLanguage.Say("只能使用字母、数字、“.”、“_”或“-”，并以字母或数字开头。", "Use letters, digits, '.', '_' or '-', starting with a letter or digit."));
        RuleFor(x => x.DisplayName).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Password).StrongPassword();
        RuleFor(x => x.Role).IsInEnum();
        RuleFor(x => x.OrganisationId).NotEmpty();
    }
}

public static class CreateUserEndpoint
{
    [Authorize(Policy = Policies.ManageAccounts)]
    [WolverinePost("/api/users", OperationId = "CreateUser")]
    [IdempotentCreate]
    public static async Task<IResult> Post(
        CreateUser command, ClaimsPrincipal user, IDocumentSession session,
        IPasswordHasher<Person> hasher, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var organisation = await session.LoadTargetOrganisationAsync(command.OrganisationId, ct);
        Access.RefuseUnless(AccountAccess.MayAdminister(caller, command.Role, organisation.TownId),
            ProblemLanguage.Say($"您无权为“{organisation.Name}”创建 {command.Role} 账号。", $"You may not create {command.Role} accounts for '{organisation.Name}'."));

        var created = await AccountRegistration.OpenAsync(session, hasher, clock,
            command.Username, command.DisplayName, command.Password, command.Role, organisation, caller.Actor, ct);
        return CreatedResponse.At($"/api/users/{created.AccountId}", created.AccountId, 1);
    }
}
