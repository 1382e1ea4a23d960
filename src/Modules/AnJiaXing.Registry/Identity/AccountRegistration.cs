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
            throw ApiProblemException.Conflict($"The username '{normalised}' is taken.");

        var id = Guid.CreateVersion7();
        var created = UserAccount.Open(id, normalised, displayName, role, organisation, by);
        session.Events.StartStream<UserAccount>(id, created);
        session.Store(new UserCredential
        {
            Id = id,
            PasswordHash = hasher.HashPassword(new Person { Id = id, Username = normalised }, password),
            ChangedAt = clock.GetUtcNow()
        });
        return created;
    }
}
