namespace AnJiaXing.Platform.Security;

/// <summary>
/// The acting person as recorded in events: who did it, in which role, for which organisation.
/// Always taken from authentication, never from a request body.
/// </summary>
public sealed record Actor(Guid Id, string Name, Role Role, Guid OrganisationId, string OrganisationName)
{
    /// <summary>The service itself, for work nobody asked for in person (demo seeding, migrations).</summary>
    public static readonly Actor System = new(Guid.Empty, "system", Role.DistrictAdmin, Guid.Empty, "AnJiaXing");
}
