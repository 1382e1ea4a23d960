using Microsoft.AspNetCore.Authorization;

namespace AnJiaXing.Registry.Enterprises;

/// <summary>
/// The resource of an enterprise decision: the enterprise (or anything hanging off it: hazards, inspections)
/// by where it lies and what it does. <paramref name="EnterpriseId"/> is empty for one not registered yet.
/// </summary>
public sealed record EnterpriseTarget(Guid EnterpriseId, Guid TownId, IReadOnlyList<IndustryDomain> Domains);

/// <summary>May the caller see the enterprise? Outside it, the enterprise does not exist for them (404).</summary>
public sealed class ReadEnterpriseRequirement : IAuthorizationRequirement
{
    public static readonly ReadEnterpriseRequirement Instance = new();
}

/// <summary>May the caller register, change, disable or enable the enterprise, or grant it accounts?</summary>
public sealed class ManageEnterpriseRequirement : IAuthorizationRequirement
{
    public static readonly ManageEnterpriseRequirement Instance = new();
}

/// <summary>Anyone whose scope covers the enterprise reads it: its own users, its town's staff, departments of its domains, the district.</summary>
public sealed class ReadEnterpriseHandler : AuthorizationHandler<ReadEnterpriseRequirement, EnterpriseTarget>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ReadEnterpriseRequirement requirement, EnterpriseTarget target)
    {
        if (context.User.Identity?.IsAuthenticated != true) return Task.CompletedTask;
        if (Caller.From(context.User).Scope.CoversEnterprise(target.EnterpriseId, target.TownId, target.Domains))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>District admins manage every enterprise; town supervisors those of their own town. Nobody else.</summary>
public sealed class ManageEnterpriseHandler : AuthorizationHandler<ManageEnterpriseRequirement, EnterpriseTarget>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ManageEnterpriseRequirement requirement, EnterpriseTarget target)
    {
        if (context.User.Identity?.IsAuthenticated != true) return Task.CompletedTask;
        if (EnterpriseRules.MayManage(Caller.From(context.User), target.TownId)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>The enterprise rules as the platform's plain predicates over the caller, for the command path and for reads.</summary>
public static class EnterpriseRules
{
    public static bool Sees(Caller caller, Enterprise e) => caller.Scope.CoversEnterprise(e.Id, e.TownId, e.Domains);

    /// <summary>District admins manage every enterprise; town supervisors those of their own town. Nobody else.</summary>
    public static bool MayManage(Caller caller, Guid townId) => caller.Role switch
    {
        Role.DistrictAdmin => true,
        Role.TownSupervisor => caller.Scope.CoversTown(townId),
        _ => false
    };

    public static readonly CommandRules<Enterprise> Manage = new(
        "Enterprise", Sees, (caller, e) => MayManage(caller, e.TownId), e => $"You may not manage '{e.Name}'.");
}
