namespace AnJiaXing.Platform.Security;

/// <summary>The roles of domain.md; one per account (一人一账号).</summary>
public enum Role
{
    EnterpriseUser,
    TownSupervisor,
    ThirdPartyInspector,
    DepartmentOfficer,
    DistrictAdmin,
    Auditor
}
