using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Wolverine.Http;

namespace AnJiaXing.Registry.Identity;

public sealed record ResetPassword(string NewPassword);

public sealed class ResetPasswordValidator : AbstractValidator<ResetPassword>
{
    public ResetPasswordValidator() => RuleFor(x => x.NewPassword).StrongPassword();
}

public static class ResetPasswordEndpoint
{
    [Authorize(Policy = Policies.ManageAccounts)]
    [WolverinePost("/api/users/{id}/reset-password", OperationId = "ResetPassword")]
    public static async Task<IResult> Post(Guid id, ResetPassword command, ClaimsPrincipal user, IDocumentSession session,
        ScopeGuard guard, HttpContext http, IPasswordHasher<Person> hasher, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.FetchForAdministrationAsync(id, user, guard, http, ct);
        var account = stream.Aggregate!;
        stream.AppendOne(new AccountPasswordReset(account.Id, Caller.From(user).Actor));
        session.Store(new UserCredential
        {
            Id = account.Id,
            PasswordHash = hasher.HashPassword(new Person { Id = account.Id, Username = account.Username }, command.NewPassword),
            ChangedAt = clock.GetUtcNow()
        });
        return Results.NoContent();
    }
}
