
namespace AnJiaXing.Registry.Contracts;

/// <summary>The account now acts in another role, possibly for another organisation.</summary>
public sealed record AccountRoleChanged(
    Guid AccountId,
    Role Role,
    Guid OrganisationId,
    string OrganisationName,
    OrganisationKind OrganisationKind,
    Guid? TownId,
    Actor By);
