namespace AnJiaXing.RiskControl.Patrols;

/// <summary>Who sees patrol tasks and records: the scope of the risk points they hang off (see <see cref="RiskPointAccess"/>).</summary>
public static class PatrolAccess
{
    public static bool Sees(Caller caller, PatrolTaskView t) => RiskPointAccess.Covers(caller.Scope, t.EnterpriseId, t.TownId, t.Domain);

    public static bool Sees(Caller caller, PatrolRecordView r) => RiskPointAccess.Covers(caller.Scope, r.EnterpriseId, r.TownId, r.Domain);

    /// <summary>Configure a task: whoever may manage its risk points.</summary>
    public static bool MayConfigure(Caller caller, bool isPublic) => RiskPointAccess.MayManage(caller, isPublic);
}
