using JasperFx.Events;
using Marten.Events.Aggregation;

namespace AnJiaXing.Registry.Organisations;

/// <summary>
/// Writes the shared kernel's <see cref="Organisation"/> (inline, in the command's transaction) from the district's
/// organisation streams and the enterprise streams: enterprises are organisations too (their users belong to them),
/// and only what scope needs is kept.
/// </summary>
public partial class OrganisationProjection : SingleStreamProjection<Organisation, Guid>
{
    public static Organisation Create(OrganisationRegistered e) => new()
    {
        Id = e.OrganisationId,
        Name = e.Name,
        Kind = e.Kind,
        ParentId = e.ParentId,
        TownId = e.Kind == OrganisationKind.Town ? e.OrganisationId : null,
        Domains = [.. e.Domains]
    };

    public static Organisation Create(EnterpriseRegistered e) => new()
    {
        Id = e.EnterpriseId,
        Name = e.Name,
        Kind = OrganisationKind.Enterprise,
        ParentId = e.TownId,
        TownId = e.TownId,
        Domains = [.. e.Domains]
    };

    // Scope follows the enterprise when it moves town or changes domains.
    public static void Apply(EnterpriseUpdated e, Organisation o)
    {
        o.Name = e.Name;
        o.ParentId = e.TownId;
        o.TownId = e.TownId;
        o.Domains = [.. e.Domains];
    }

    public static void Apply(EnterpriseDisabled _, Organisation o) => o.Enabled = false;
    public static void Apply(EnterpriseEnabled _, Organisation o) => o.Enabled = true;
}
