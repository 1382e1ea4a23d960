using Microsoft.AspNetCore.Authorization;
using Wolverine.Attributes;

namespace AnJiaXing.Inspections.Checklists;

/// <summary>The resource of a checklist decision: what kind it is, its domain, and (custom ones) who owns it.</summary>
public sealed record ChecklistTarget(ChecklistKind Kind, IndustryDomain? Domain, Guid? OwnerOrganisationId)
{
    public static ChecklistTarget Of(Checklist c) => new(c.Kind, c.Domain, c.OwnerOrganisationId);
}

/// <summary>May the caller see the checklist?</summary>
public sealed class ReadChecklistRequirement : IAuthorizationRequirement
{
    public static readonly ReadChecklistRequirement Instance = new();
}

/// <summary>May the caller publish, edit or retire the checklist?</summary>
public sealed class MaintainChecklistRequirement : IAuthorizationRequirement
{
    public static readonly MaintainChecklistRequirement Instance = new();
}

/// <summary>
/// Industry and recommended checklists are read by everyone and maintained by district admins and by department
/// officers of their domain. A custom checklist is read by its owning organisation and district-wide roles, and
/// maintained by the owning organisation's users (auditors only read) and district admins.
/// </summary>
public static class ChecklistRules
{
    public static bool CanRead(Caller caller, ChecklistTarget target) =>
        target.Kind != ChecklistKind.Custom || caller.Scope.IsDistrictWide || target.OwnerOrganisationId == caller.OrganisationId;

    public static bool CanMaintain(Caller caller, ChecklistTarget target) => caller.Role switch
    {
        Role.DistrictAdmin => true,
        Role.Auditor => false,
        _ when target.Kind == ChecklistKind.Custom => target.OwnerOrganisationId == caller.OrganisationId,
        Role.DepartmentOfficer => target.Domain is { } d && caller.Domains.Contains(d),
        _ => false
    };
}

// Its public HandleAsync would otherwise make Wolverine discover it as a message handler.
public sealed class ChecklistAccessHandler : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true || context.Resource is not ChecklistTarget target) return Task.CompletedTask;
        var caller = Caller.From(context.User);
        foreach (var requirement in context.PendingRequirements.ToList())
        {
            var allowed = requirement switch
            {
                ReadChecklistRequirement => ChecklistRules.CanRead(caller, target),
                MaintainChecklistRequirement => ChecklistRules.CanMaintain(caller, target),
                _ => (bool?)null
            };
            if (allowed == true) context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
