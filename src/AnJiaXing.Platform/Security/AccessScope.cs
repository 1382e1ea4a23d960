
namespace AnJiaXing.Platform.Security;

/// <summary>
/// What part of the district a caller may see: enterprise users their enterprise, town staff their town,
/// departments their industry domains, district admins and auditors everything. The single source of
/// scope rules; authorization handlers and query filters both ask it.
/// </summary>
public sealed record AccessScope(Role Role, Guid? TownId, Guid? EnterpriseId, IReadOnlyList<IndustryDomain> Domains)
{
    public bool IsDistrictWide => Role is Role.DistrictAdmin or Role.Auditor;

    /// <summary>The scope rule: what each role covers, stated once. Checks and query filters both read it.</summary>
    public ScopeConstraint Constraint => Role switch
    {
        Role.DistrictAdmin or Role.Auditor => ScopeConstraint.Everything,
        Role.TownSupervisor or Role.ThirdPartyInspector when TownId is { } town => new ScopeConstraint(ScopeKind.Town, town),
        Role.DepartmentOfficer => new ScopeConstraint(ScopeKind.Domains, Domains: Domains),
        Role.EnterpriseUser when EnterpriseId is { } enterprise => new ScopeConstraint(ScopeKind.Enterprise, enterprise),
        _ => ScopeConstraint.Nothing
    };

    /// <summary>An enterprise (or anything hanging off one: hazards, inspections) located in a town and active in domains.</summary>
    public bool CoversEnterprise(Guid enterpriseId, Guid townId, IEnumerable<IndustryDomain> domains) =>
        Constraint.Covers(enterpriseId, townId, domains);

    /// <summary>Outside the caller's scope an enterprise (or what hangs off it) does not exist: 404, never a hint that it does.</summary>
    public void HideUnlessCoversEnterprise(Guid enterpriseId, Guid townId, IEnumerable<IndustryDomain> domains, Noun what, object? id = null)
    {
        Access.HideUnless(CoversEnterprise(enterpriseId, townId, domains), what, id ?? enterpriseId);
    }

    /// <summary>Whether the caller administers or reads things of this town (accounts, enterprises registered there).</summary>
    public bool CoversTown(Guid townId) => Role switch
    {
        Role.DistrictAdmin or Role.Auditor => true,
        Role.TownSupervisor or Role.ThirdPartyInspector => TownId == townId,
        _ => false
    };

    /// <summary>Whether an organisation (district, town, department or enterprise) is visible to the caller.</summary>
    public bool CanSee(Organisation org) => org.Kind switch
    {
        OrganisationKind.District or OrganisationKind.Department => true,
        OrganisationKind.Town => IsDistrictWide || Role == Role.DepartmentOfficer || TownId == org.Id,
        OrganisationKind.Enterprise => CoversEnterprise(org.Id, org.TownId ?? Guid.Empty, org.Domains),
        _ => false
    };
}
