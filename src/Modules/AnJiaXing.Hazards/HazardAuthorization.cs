
namespace AnJiaXing.Hazards;

/// <summary>
/// domain.md's "Who may do what" table, in one place, as plain rules over the caller (the platform's one authorization
/// style: predicates over a <see cref="Caller"/> and the resource, used by the command path and by reads alike). Scope is
/// the caller's <see cref="AccessScope"/> narrowed to the hazard's own domain: a department acts on hazards of its domains only.
/// </summary>
public static class HazardAccess
{
    public static bool Sees(Caller caller, HazardView h) =>
        caller.Scope.CoversEnterprise(h.EnterpriseId, h.TownId, [h.Domain]);

    public static bool Sees(Caller caller, Hazard h) =>
        caller.Scope.CoversEnterprise(h.EnterpriseId, h.TownId, [h.Domain]);

    public static bool MayReport(Caller caller, Organisation enterprise, IndustryDomain domain) =>
        caller.Scope.CoversEnterprise(enterprise.Id, enterprise.TownId ?? Guid.Empty, [domain])
        && caller.Role is Role.EnterpriseUser or Role.TownSupervisor or Role.ThirdPartyInspector or Role.DepartmentOfficer;

    public static bool May(Caller caller, HazardAction action, Hazard h)
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
                role == Role.EnterpriseUser || caller.UserId == h.ResponsibleUserId,
            HazardAction.Recheck =>
                role is Role.TownSupervisor or Role.ThirdPartyInspector
                || caller.UserId == h.RecheckerUserId
                || (major && role == Role.DepartmentOfficer),
            HazardAction.RequestClosure => major && role == Role.EnterpriseUser,
            HazardAction.DecideClosure => major
                ? role is Role.DepartmentOfficer or Role.DistrictAdmin
                : role == Role.TownSupervisor,
            _ => false
        };
    }

    /// <summary>The command path's rules for one action on a hazard.</summary>
    public static CommandRules<Hazard> For(HazardAction action) => new(
        "Hazard", Sees, (caller, h) => May(caller, action, h),
        h => ProblemLanguage.Say($"您的角色无权对该 {h.Level} 隐患执行 {action}。", $"Your role may not {action} this {h.Level} hazard."), Hazard.State);
}
