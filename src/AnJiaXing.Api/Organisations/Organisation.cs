using AnJiaXing.Api.Enterprises;

namespace AnJiaXing.Api.Organisations;

/// <summary>
/// Read model of every organisation a user can belong to: the district, towns, departments and (from the
/// enterprise registry) enterprises. Holds what scope decisions need, so authentication loads one document.
/// </summary>
public sealed class Organisation
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public OrganisationKind Kind { get; set; }
    public Guid? ParentId { get; set; }

    /// <summary>The town a town-level organisation is, or an enterprise lies in.</summary>
    public Guid? TownId { get; set; }

    public List<IndustryDomain> Domains { get; set; } = [];
    public bool Enabled { get; set; } = true;
    public int Version { get; set; }

    public static Organisation Create(OrganisationRegistered e) => new()
    {
        Id = e.OrganisationId,
        Name = e.Name,
        Kind = e.Kind,
        ParentId = e.ParentId,
        TownId = e.Kind == OrganisationKind.Town ? e.OrganisationId : null,
        Domains = [.. e.Domains]
    };

    // Enterprises are organisations too (their users belong to them); only what scope needs is kept here.
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
    public void Apply(EnterpriseUpdated e)
    {
        Name = e.Name;
        ParentId = e.TownId;
        TownId = e.TownId;
        Domains = [.. e.Domains];
    }

    public void Apply(EnterpriseDisabled _) => Enabled = false;
    public void Apply(EnterpriseEnabled _) => Enabled = true;
}
