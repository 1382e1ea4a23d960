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
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdministerAccountRequirement requirement, AccountTarget target)
    {
        if (context.User.Identity?.IsAuthenticated != true) return Task.CompletedTask;
        if (AccountRules.MayAdminister(Caller.From(context.User), target.Role, target.Organisation.TownId)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>
/// District admins administer every account; town supervisors the town-level and enterprise accounts of their own
/// town, never district or department ones. Plain predicates over the caller, for the command path and the handler.
/// </summary>
public static class AccountRules
{
    private static readonly Role[] TownGrantable = [Role.TownSupervisor, Role.ThirdPartyInspector, Role.EnterpriseUser];

    public static bool MayAdminister(Caller caller, Role role, Guid? townId) => caller.Role switch
    {
        Role.DistrictAdmin => true,
        Role.TownSupervisor => TownGrantable.Contains(role) && townId is { } town && caller.Scope.CoversTown(town),
        _ => false
    };

    public static readonly CommandRules<UserAccount> Administer = new(
        "Account", (_, _) => true, (caller, a) => MayAdminister(caller, a.Role, a.TownId),
        a => $"You may not administer the account '{a.Username}'.");
}
