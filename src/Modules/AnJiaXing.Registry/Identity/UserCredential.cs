namespace AnJiaXing.Registry.Identity;

/// <summary>
/// The password hash of an account, kept out of the event streams on purpose: the ledger is append-only and
/// readable by auditors, and a hash there could never be removed. Written in the same transaction as the
/// account event that sets it.
/// </summary>
public sealed class UserCredential
{
    public Guid Id { get; set; }
    public string PasswordHash { get; set; } = "";
    public DateTimeOffset ChangedAt { get; set; }
}
