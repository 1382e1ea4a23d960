namespace AnJiaXing.Inspections.Checklists;

/// <summary>The resource of a checklist decision: what kind it is, its domain, and (custom ones) who owns it.</summary>
public sealed record ChecklistTarget(ChecklistKind Kind, IndustryDomain? Domain, Guid? OwnerOrganisationId)
{
    public static ChecklistTarget Of(Checklist c) => new(c.Kind, c.Domain, c.OwnerOrganisationId);
}

/// <summary>
/// Industry and recommended checklists are read by everyone and maintained by district admins and by department
/// officers of their domain. A custom checklist is read by its owning organisation and district-wide roles, and
/// maintained by the owning organisation's users (auditors only read) and district admins.
/// </summary>
public static class ChecklistAccess
{
    public static readonly Noun Name = new("检查表", "Checklist");

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

    /// <summary>The command path's rules for editing or retiring a checklist.</summary>
    public static CommandRules<Checklist> Maintain(string verb) => new(
        Name, (caller, c) => CanRead(caller, ChecklistTarget.Of(c)), (caller, c) => CanMaintain(caller, ChecklistTarget.Of(c)),
        c => ProblemLanguage.Say($"您无权{VerbZh(verb)}检查表“{c.Name}”。", $"You may not {verb} the checklist '{c.Name}'."));

    private static string VerbZh(string verb) => verb switch { "edit" => "编辑", "retire" => "停用", _ => verb };
}
