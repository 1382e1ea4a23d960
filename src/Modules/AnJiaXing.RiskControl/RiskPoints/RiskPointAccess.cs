namespace AnJiaXing.RiskControl.RiskPoints;

/// <summary>
/// Who may see and manage risk points, as plain rules over the caller (the platform's one authorization style). Scope is
/// the caller's <see cref="AccessScope"/>: an enterprise's point hangs off the enterprise (its users, its town's staff,
/// departments of its domain, the district); a public point (公共风险点) has no enterprise and belongs to its town
/// (that town's staff, departments of its domain, the district) — enterprise users do not see it.
/// </summary>
public static class RiskPointAccess
{
    public static bool Covers(AccessScope scope, Guid? enterpriseId, Guid townId, IndustryDomain domain) =>
        scope.Constraint.Covers(enterpriseId ?? Guid.Empty, townId, [domain]);

    public static bool Sees(Caller caller, RiskPointView p) => Covers(caller.Scope, p.EnterpriseId, p.TownId, p.Domain);

    /// <summary>Register and re-assess: the enterprise itself (its own points), town supervisors, departments, district admins.</summary>
    public static bool MayManage(Caller caller, bool isPublic) => isPublic
        ? caller.Role is Role.TownSupervisor or Role.DepartmentOfficer or Role.DistrictAdmin
        : caller.Role is Role.EnterpriseUser or Role.TownSupervisor or Role.DepartmentOfficer or Role.DistrictAdmin;

    /// <summary>Record a patrol: the enterprise's users and town staff (supervisors and their inspectors) in scope, or a task's assignee.</summary>
    public static bool MayPatrol(Caller caller, RiskPointView p, IReadOnlyCollection<Guid> assignees) =>
        assignees.Contains(caller.UserId)
        || (p.Public ? caller.Role is Role.TownSupervisor or Role.ThirdPartyInspector
            : caller.Role is Role.EnterpriseUser or Role.TownSupervisor or Role.ThirdPartyInspector);

    public static readonly Noun Name = new("风险点", "Risk point");

    public static readonly CommandRules<RiskPointView> Assess = new(
        Name, Sees, (caller, p) => MayManage(caller, p.Public),
        p => ProblemLanguage.Say($"您的角色不能评估{(p.Public ? "公共" : "企业")}风险点“{p.Name}”。",
            $"Your role may not assess the {(p.Public ? "public" : "enterprise")} risk point '{p.Name}'."), State);

    public static IReadOnlyDictionary<string, object?> State(RiskPointView p) => new Dictionary<string, object?>
    {
        ["currentLevel"] = p.Level.ToString(),
        ["currentScore"] = p.Score
    };
}
