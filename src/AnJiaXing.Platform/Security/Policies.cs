using Microsoft.AspNetCore.Authorization;

namespace AnJiaXing.Platform.Security;

/// <summary>Named role policies. Endpoints say which one applies (<c>[Authorize(Policy = …)]</c>); scope is checked by requirements.</summary>
public static class Policies
{
    public const string ManageAccounts = nameof(ManageAccounts);
    public const string ReadAccounts = nameof(ReadAccounts);
    public const string DistrictAdmin = nameof(DistrictAdmin);
    public const string ManageEnterprises = nameof(ManageEnterprises);

    /// <summary>Reading the ledger and audit trail of others: auditors and district admins (district-wide roles).</summary>
    public const string Audit = nameof(Audit);

    public static void Register(AuthorizationOptions options)
    {
        options.AddPolicy(ManageAccounts, p => p.RequireAuthenticatedUser()
            .RequireRole(nameof(Role.DistrictAdmin), nameof(Role.TownSupervisor)));
        options.AddPolicy(ReadAccounts, p => p.RequireAuthenticatedUser()
            .RequireRole(nameof(Role.DistrictAdmin), nameof(Role.TownSupervisor), nameof(Role.Auditor)));
        options.AddPolicy(ManageEnterprises, p => p.RequireAuthenticatedUser()
            .RequireRole(nameof(Role.DistrictAdmin), nameof(Role.TownSupervisor)));
        options.AddPolicy(DistrictAdmin, p => p.RequireAuthenticatedUser().RequireRole(nameof(Role.DistrictAdmin)));
        options.AddPolicy(Audit, p => p.RequireAuthenticatedUser().RequireRole(nameof(Role.Auditor), nameof(Role.DistrictAdmin)));
    }
}
