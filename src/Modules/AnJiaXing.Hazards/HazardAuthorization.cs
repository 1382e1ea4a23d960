
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
        Name, Sees, (caller, h) => May(caller, action, h),
        h => ProblemLanguage.Say($"您的角色无权对该{(h.Level == HazardLevel.Major ? "重大" : "一般")}隐患执行“{ChineseOf(action)}”。",
            $"Your role may not {EnglishOf(action)} this {h.Level.ToString().ToLowerInvariant()} hazard."), Hazard.State);

    public static readonly Noun Name = new("隐患", "Hazard");

    // ExtendDeadline → "extend deadline": the action's name read as words.
    private static string EnglishOf(HazardAction action) =>
        string.Concat(action.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static string ChineseOf(HazardAction action) => action switch
    {
        HazardAction.Confirm => "确认",
        HazardAction.Downgrade => "降级",
        HazardAction.Dismiss => "认定不构成隐患",
        HazardAction.Escalate => "升级",
        HazardAction.Withdraw => "撤回",
        HazardAction.Assign => "交办",
        HazardAction.ExtendDeadline => "延期",
        HazardAction.DesignateRechecker => "指定复查人",
        HazardAction.SubmitRectification => "提交整改",
        HazardAction.Recheck => "复查",
        HazardAction.RequestClosure => "申请销案",
        HazardAction.DecideClosure => "销案审批",
        _ => action.ToString()
    };
}
