namespace AnJiaXing.Inspections;

/// <summary>What is inspected: a registered enterprise (id) or an unregistered one in a town, active in some domains.</summary>
public sealed record InspectionTarget(Guid? EnterpriseId, Guid TownId, IReadOnlyList<IndustryDomain> Domains)
{
    public static InspectionTarget Of(InspectionRecord r) => new(r.EnterpriseId, r.TownId, r.Domains);
    public static InspectionTarget Of(Inspection i) => new(i.EnterpriseId, i.TownId, i.Domains);
}

/// <summary>
/// Who may inspect what (ADR 0017), as the platform's plain rules over the caller. Scope is
/// <see cref="AccessScope.CoversEnterprise"/>: another town's inspector can neither inspect nor read. Auditors read
/// everything and inspect nothing; the record belongs to the inspector who started it, who alone records and signs it.
/// </summary>
public static class InspectionAccess
{
    public static bool Covers(Caller caller, InspectionTarget t) =>
        caller.Scope.CoversEnterprise(t.EnterpriseId ?? Guid.Empty, t.TownId, t.Domains);

    public static bool Sees(Caller caller, InspectionRecord r) => r.InspectorId == caller.UserId || Covers(caller, InspectionTarget.Of(r));

    public static bool MayConduct(Caller caller, InspectionTarget t) => Covers(caller, t) && caller.Role != Role.Auditor;

    public static bool Sees(Caller caller, Inspection i) => i.InspectorId == caller.UserId || Covers(caller, InspectionTarget.Of(i));

    public static bool MaySign(Caller caller, Inspection i) => i.InspectorId == caller.UserId;

    /// <summary>The command path's rules for recording items on and signing an inspection.</summary>
    public static readonly CommandRules<Inspection> Sign = new(
        new Noun("检查记录", "Inspection"), Sees, MaySign, _ => ProblemLanguage.Say("只有开始本次检查的检查人员才能记录或签名。", "Only the inspector who started this inspection may record or sign it."),
        r => new Dictionary<string, object?> { ["currentStatus"] = r.Status.ToString() });
}
