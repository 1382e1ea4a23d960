using Microsoft.AspNetCore.Authorization;

namespace AnJiaXing.Hazards;

/// <summary>May the caller see this hazard at all? (Outside scope a hazard does not exist: 404.)</summary>
public sealed class ReadHazardRequirement : IAuthorizationRequirement
{
    public static readonly ReadHazardRequirement Instance = new();
}

/// <summary>May the caller take <see cref="Action"/> on the hazard? (403 when not.)</summary>
public sealed record HazardActionRequirement(HazardAction Action) : IAuthorizationRequirement;

/// <summary>May the caller report a hazard against the enterprise?</summary>
public sealed class ReportHazardRequirement : IAuthorizationRequirement
{
    public static readonly ReportHazardRequirement Instance = new();
}

/// <summary>The enterprise a report is about, with the domain the hazard falls under.</summary>
public sealed record HazardReportTarget(Organisation Enterprise, IndustryDomain Domain);

/// <summary>
/// domain.md's "Who may do what" table, in one place. Scope is the caller's <see cref="AccessScope"/> narrowed to
/// the hazard's own domain: a department acts on hazards of its domains only.
/// </summary>
public sealed class HazardAuthorizationHandler : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true) return Task.CompletedTask;
        var caller = Caller.From(context.User);
        foreach (var requirement in context.PendingRequirements.ToList())
        {
            var allowed = (requirement, context.Resource) switch
            {
                (ReadHazardRequirement, HazardView h) => Covers(caller, h),
                (ReadHazardRequirement, HazardReportTarget t) =>
                    caller.Scope.CoversEnterprise(t.Enterprise.Id, t.Enterprise.TownId ?? Guid.Empty, [t.Domain]),
                (HazardActionRequirement a, HazardView h) => Covers(caller, h) && May(caller, a.Action, h),
                (ReportHazardRequirement, HazardReportTarget t) => MayReport(caller, t),
                _ => (bool?)null
            };
            if (allowed == true) context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }

    public static bool Covers(Caller caller, HazardView h) =>
        caller.Scope.CoversEnterprise(h.EnterpriseId, h.TownId, [h.Domain]);

    private static bool MayReport(Caller caller, HazardReportTarget t)
    {
        var e = t.Enterprise;
        if (!caller.Scope.CoversEnterprise(e.Id, e.TownId ?? Guid.Empty, [t.Domain])) return false;
        return caller.Role is Role.EnterpriseUser or Role.TownSupervisor or Role.ThirdPartyInspector or Role.DepartmentOfficer;
    }

    public static bool May(Caller caller, HazardAction action, HazardView h)
    {
        var major = h.Level == HazardLevel.Major;
        var role = caller.Role;
        return action switch
        {
            HazardAction.Confirm or HazardAction.Downgrade or HazardAction.Dismiss =>
                role is Role.DepartmentOfficer or Role.DistrictAdmin,
            HazardAction.Escalate => !major && role is Role.TownSupervisor or Role.DepartmentOfficer or Role.DistrictAdmin,
            HazardAction.Withdraw => caller.UserId == h.ReportedBy.Id,
            HazardAction.Assign or HazardAction.ExtendDeadline =>
                role is Role.EnterpriseUser or Role.TownSupervisor || (major && role == Role.DepartmentOfficer),
            HazardAction.DesignateRechecker => role == Role.EnterpriseUser,
            HazardAction.SubmitRectification =>
                role == Role.EnterpriseUser || caller.UserId == h.Rectification?.Responsible.UserId,
            HazardAction.Recheck =>
                role is Role.TownSupervisor or Role.ThirdPartyInspector
                || caller.UserId == h.Rechecker?.UserId
                || (major && role == Role.DepartmentOfficer),
            HazardAction.RequestClosure => major && role == Role.EnterpriseUser,
            HazardAction.DecideClosure => major
                ? role is Role.DepartmentOfficer or Role.DistrictAdmin
                : role == Role.TownSupervisor,
            _ => false
        };
    }
}
