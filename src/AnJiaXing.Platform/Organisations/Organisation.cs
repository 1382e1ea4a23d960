
namespace AnJiaXing.Platform.Organisations;

/// <summary>
/// Part of the shared kernel: every module reads it, the Registry module writes it (its OrganisationProjection).
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
}
