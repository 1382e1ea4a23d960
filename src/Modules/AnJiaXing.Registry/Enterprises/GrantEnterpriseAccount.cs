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
            .Matches("^[A-Za-z0-9][A-Za-z0-9._-]*$").WithMessage("Use letters, digits, '.', '_' or '-', starting with a letter or digit.");
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
        ScopeGuard guard, HttpContext http, IPasswordHasher<Person> hasher, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.FetchForManagementAsync(id, user, guard, http, ct);
        var enterprise = stream.Aggregate!;
        var organisation = await session.LoadTargetOrganisationAsync(id, ct);
        var by = Caller.From(user).Actor;
        enterprise.GrantAccount(Guid.Empty, command.Username, command.DisplayName, by); // refuses before anything is written

        var created = await AccountRegistration.OpenAsync(session, hasher, clock, command.Username, command.DisplayName, command.Password,
            Role.EnterpriseUser, organisation, by, ct);
        stream.AppendOne(enterprise.GrantAccount(created.AccountId, created.Username, created.DisplayName, by));
        return CreatedResponse.At($"/api/users/{created.AccountId}", created.AccountId, 1);
    }
}
