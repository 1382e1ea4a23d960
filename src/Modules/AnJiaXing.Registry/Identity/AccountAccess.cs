namespace AnJiaXing.Registry.Identity;

/// <summary>
/// District admins administer every account; town supervisors the town-level and enterprise accounts of their own
/// town, never district or department ones. Plain predicates over the caller, for the command path and the handler.
/// </summary>
public static class AccountAccess
{
    private static readonly Role[] TownGrantable = [Role.TownSupervisor, Role.ThirdPartyInspector, Role.EnterpriseUser];

    public static bool MayAdminister(Caller caller, Role role, Guid? townId) => caller.Role switch
    {
        Role.DistrictAdmin => true,
        Role.TownSupervisor => TownGrantable.Contains(role) && townId is { } town && caller.Scope.CoversTown(town),
        _ => false
    };

    public static readonly Noun Name = new("账号", "Account");

    public static readonly CommandRules<UserAccount> Administer = new(
        Name, (_, _) => true, (caller, a) => MayAdminister(caller, a.Role, a.TownId),
        a => ProblemLanguage.Say($"您无权管理账号“{a.Username}”。", $"You may not administer the account '{a.Username}'."));
}
