namespace AnJiaXing.Inspections.Knowledge;

/// <summary>
/// Everyone reads the knowledge base; district admins maintain all of it, department officers general documents
/// (no domain) and those of their domains.
/// </summary>
public static class KnowledgeAccess
{
    public static bool MayMaintain(Caller caller, IndustryDomain? domain) => caller.Role switch
    {
        Role.DistrictAdmin => true,
        Role.DepartmentOfficer => domain is not { } d || caller.Domains.Contains(d),
        _ => false
    };
}
