
namespace AnJiaXing.Registry.Contracts;

/// <summary>
/// An account was opened for one person (一人一账号). The organisation's kind and town are recorded as they
/// were at that moment, so scope questions about the account never need another stream. No password material
/// is ever part of an event: credentials live in <see cref="UserCredential"/>.
/// </summary>
public sealed record AccountCreated(
    Guid AccountId,
    string Username,
    string DisplayName,
    Role Role,
    Guid OrganisationId,
    string OrganisationName,
    OrganisationKind OrganisationKind,
    Guid? TownId,
    Actor By);
