namespace AnJiaXing.Registry.Enterprises;

/// <summary>The enterprise rules as the platform's plain predicates over the caller, for the command path and for reads.</summary>
public static class EnterpriseAccess
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
        Noun.Enterprise, Sees, (caller, e) => MayManage(caller, e.TownId),
        e => ProblemLanguage.Say($"您无权管理企业“{e.Name}”。", $"You may not manage '{e.Name}'."));
}
