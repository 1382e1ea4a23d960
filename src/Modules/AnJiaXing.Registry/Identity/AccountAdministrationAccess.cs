using Microsoft.AspNetCore.Authorization;

namespace AnJiaXing.Registry.Identity;

/// <summary>The resource of an account-administration decision: an account of <paramref name="Role"/> in <paramref name="Organisation"/>.</summary>
public sealed record AccountTarget(Organisation Organisation, Role Role);

/// <summary>May the caller create, change, disable, enable or reset accounts like the target?</summary>
public sealed class AdministerAccountRequirement : IAuthorizationRequirement
{
    public static readonly AdministerAccountRequirement Instance = new();
}

/// <summary>
/// District admins administer every account; town supervisors the town-level and enterprise accounts of their
/// own town, never district or department ones.
/// </summary>
public sealed class AdministerAccountHandler : AuthorizationHandler<AdministerAccountRequirement, AccountTarget>
{
    private static readonly Role[] TownGrantable = [Role.TownSupervisor, Role.ThirdPartyInspector, Role.EnterpriseUser];

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdministerAccountRequirement requirement, AccountTarget target)
    {
        if (context.User.Identity?.IsAuthenticated != true) return Task.CompletedTask;
        var caller = Caller.From(context.User);
        var allowed = caller.Role switch
        {
            Role.DistrictAdmin => true,
            Role.TownSupervisor => TownGrantable.Contains(target.Role)
                                   && target.Organisation.TownId is { } town
                                   && caller.Scope.CoversTown(town),
            _ => false
        };
        if (allowed) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
