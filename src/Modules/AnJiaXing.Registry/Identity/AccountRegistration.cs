using Marten;
using Microsoft.AspNetCore.Identity;

namespace AnJiaXing.Registry.Identity;

/// <summary>
/// Opening an account: the event, its stream and its credential in one unit of work. Shared by user
/// administration, enterprise account grants and demo seeding so every account is made the same way.
/// The unique username index is the final guard against a concurrent duplicate (409).
/// </summary>
public static class AccountRegistration
{
    public static async Task<AccountCreated> OpenAsync(
        IDocumentSession session, IPasswordHasher<Person> hasher, TimeProvider clock,
        string username, string displayName, string password, Role role, Organisation organisation, Actor by, CancellationToken ct)
    {
        var normalised = UserAccount.NormaliseUsername(username);
        if (await session.Query<UserAccount>().AnyAsync(a => a.Username == normalised, ct))
            throw ApiProblemException.Conflict(ProblemLanguage.Say($"用户名“{normalised}”已被使用。", $"The username '{normalised}' is taken."));

        var id = Guid.CreateVersion7();
        return Open(session, id, hasher.HashPassword(new Person { Id = id, Username = normalised }, password), clock.GetUtcNow(),
            normalised, displayName, role, organisation, by);
    }

    /// <summary>
    /// Opens an account with a password hash computed by the caller, without probing the username first: for seeding
    /// many accounts into an empty store, where one hash of a shared demo password serves them all (PBKDF2 per account
    /// would cost seconds per hundred) and the unique username index still refuses a duplicate.
    /// </summary>
    public static AccountCreated Open(IDocumentSession session, Guid id, string passwordHash, DateTimeOffset changedAt,
        string username, string displayName, Role role, Organisation organisation, Actor by)
    {
        var created = UserAccount.Open(id, UserAccount.NormaliseUsername(username), displayName, role, organisation, by);
        session.Events.StartStream<UserAccount>(id, created);
        session.Store(new UserCredential { Id = id, PasswordHash = passwordHash, ChangedAt = changedAt });
        return created;
    }
}
