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
        HttpContext http, IPasswordHasher<Person> hasher, TimeProvider clock, CancellationToken ct)
    {
        await http.ExecuteAsync(session, id, null, AccountAccess.Administer, (account, caller) =>
        {
            session.Store(new UserCredential
            {
                Id = account.Id,
                PasswordHash = hasher.HashPassword(new Person { Id = account.Id, Username = account.Username }, command.NewPassword),
                ChangedAt = clock.GetUtcNow()
            });
            return CommandPath.One(new AccountPasswordReset(account.Id, caller.Actor));
        }, ct);
        return Results.NoContent();
    }
}
