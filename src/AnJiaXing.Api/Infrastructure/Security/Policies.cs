using Microsoft.AspNetCore.Authorization;

namespace AnJiaXing.Api.Infrastructure.Security;

/// <summary>Named role policies. Endpoints say which one applies (<c>[Authorize(Policy = …)]</c>); scope is checked by requirements.</summary>
public static class Policies
{
    public const string ManageAccounts = nameof(ManageAccounts);
    public const string ReadAccounts = nameof(ReadAccounts);
    public const string DistrictAdmin = nameof(DistrictAdmin);
    public const string ManageEnterprises = nameof(ManageEnterprises);

    public static void Register(AuthorizationOptions options)
    {
        options.AddPolicy(ManageAccounts, p => p.RequireAuthenticatedUser()
            .RequireRole(nameof(Role.DistrictAdmin), nameof(Role.TownSupervisor)));
        options.AddPolicy(ReadAccounts, p => p.RequireAuthenticatedUser()
            .RequireRole(nameof(Role.DistrictAdmin), nameof(Role.TownSupervisor), nameof(Role.Auditor)));
        options.AddPolicy(ManageEnterprises, p => p.RequireAuthenticatedUser()
            .RequireRole(nameof(Role.DistrictAdmin), nameof(Role.TownSupervisor)));
        options.AddPolicy(DistrictAdmin, p => p.RequireAuthenticatedUser().RequireRole(nameof(Role.DistrictAdmin)));
    }
}
