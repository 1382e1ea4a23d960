
namespace AnJiaXing.Registry.Identity;

/// <summary>An account as administrators see it.</summary>
public sealed record UserDto(
    Guid Id,
    string Username,
    string DisplayName,
    Role Role,
    Guid OrganisationId,
    string OrganisationName,
    OrganisationKind OrganisationKind,
    Guid? TownId,
    bool Enabled,
    DateTimeOffset CreatedAt,
    int Version)
{
    public static UserDto From(UserAccount a) =>
        new(a.Id, a.Username, a.DisplayName, a.Role, a.OrganisationId, a.OrganisationName, a.OrganisationKind, a.TownId, a.Enabled, a.CreatedAt, a.Version);
}
