using JasperFx.Events;

namespace AnJiaXing.Inspections.Plans;

/// <summary>A plan's state (inline snapshot), and the rules for drawing one up and for inspecting under it.</summary>
public sealed class InspectionPlan
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string Name { get; set; } = "";
    public InspectionPlanType Type { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public Guid ChecklistId { get; set; }
    public string ChecklistName { get; set; } = "";
    public List<PlannedEnterprise> Enterprises { get; set; } = [];
    public List<Guid> EnterpriseIds { get; set; } = [];
    public List<PlannedInspector> Inspectors { get; set; } = [];
    public List<Guid> InspectorIds { get; set; } = [];
    public Guid OwnerOrganisationId { get; set; }
    public string OwnerOrganisationName { get; set; } = "";
    public Actor CreatedBy { get; set; } = Actor.System;
    public DateTimeOffset CreatedAt { get; set; }

    public static InspectionPlan Create(IEvent<InspectionPlanned> e) => new()
    {
        Id = e.Data.PlanId,
        Name = e.Data.Name,
        Type = e.Data.Type,
        PeriodStart = e.Data.PeriodStart,
        PeriodEnd = e.Data.PeriodEnd,
        ChecklistId = e.Data.ChecklistId,
        ChecklistName = e.Data.ChecklistName,
        Enterprises = [.. e.Data.Enterprises],
        EnterpriseIds = [.. e.Data.Enterprises.Select(x => x.EnterpriseId)],
        Inspectors = [.. e.Data.Inspectors],
        InspectorIds = [.. e.Data.Inspectors.Select(x => x.UserId)],
        OwnerOrganisationId = e.Data.By.OrganisationId,
        OwnerOrganisationName = e.Data.By.OrganisationName,
        CreatedBy = e.Data.By,
        CreatedAt = e.Timestamp
    };

    public static readonly Role[] InspectingRoles = [Role.TownSupervisor, Role.ThirdPartyInspector, Role.DepartmentOfficer, Role.DistrictAdmin];

    public static InspectionPlanned Plan(
        Guid id, string name, InspectionPlanType type, DateOnly start, DateOnly end, Checklist checklist,
        IReadOnlyList<Organisation> enterprises, IReadOnlyList<Person> inspectors, Caller caller)
    {
        var errors = new Dictionary<string, string[]>();
        if (checklist.Retired) errors["checklistId"] = [ProblemLanguage.Say($"检查表“{checklist.Name}”已停用。", $"Checklist '{checklist.Name}' is retired.")];
        var outside = enterprises.Where(e => !e.Enabled || !caller.Scope.CoversEnterprise(e.Id, e.TownId ?? Guid.Empty, e.Domains)).ToList();
        if (outside.Count > 0)
            errors["enterpriseIds"] = [ProblemLanguage.Say($"以下企业不在您的监管范围内或已停用：{string.Join("、", outside.Select(e => e.Name))}。", $"Not enterprises you supervise, or disabled: {string.Join(", ", outside.Select(e => e.Name))}.")];
        var notInspectors = inspectors.Where(u => !u.Enabled || !InspectingRoles.Contains(u.Role)).ToList();
        if (notInspectors.Count > 0)
            errors["inspectorIds"] = [ProblemLanguage.Say($"以下账号不是在用的检查人员：{string.Join("、", notInspectors.Select(u => u.DisplayName))}。", $"Not enabled inspecting staff: {string.Join(", ", notInspectors.Select(u => u.DisplayName))}.")];
        if (errors.Count > 0) throw new ValidationProblemException(errors);

        return new InspectionPlanned(id, name.Trim(), type, start, end, checklist.Id, checklist.Name,
            enterprises.Select(e => new PlannedEnterprise(e.Id, e.Name, e.TownId ?? Guid.Empty)).ToList(),
            inspectors.Select(u => new PlannedInspector(u.Id, u.DisplayName)).ToList(), caller.Actor);
    }

    /// <summary>An inspection under this plan: by one of its inspectors, of one of its enterprises, within its period.</summary>
    public void RequireCovers(Guid? enterpriseId, Caller caller, DateOnly today)
    {
        if (!InspectorIds.Contains(caller.UserId))
            throw ApiProblemException.Forbidden(ProblemLanguage.Say($"您不是检查计划“{Name}”的检查人员。", $"You are not an inspector of plan '{Name}'."));
        if (enterpriseId is not { } e || !EnterpriseIds.Contains(e))
            throw ApiProblemException.Validation("enterpriseId", ProblemLanguage.Say($"该企业不在检查计划“{Name}”之内。", $"The enterprise is not part of plan '{Name}'."));
        if (today < PeriodStart || today > PeriodEnd)
            throw ApiProblemException.Conflict(ProblemLanguage.Say($"检查计划“{Name}”的期限为 {PeriodStart:yyyy-MM-dd} 至 {PeriodEnd:yyyy-MM-dd}，今天不在期限之内。", $"Plan '{Name}' runs from {PeriodStart:yyyy-MM-dd} to {PeriodEnd:yyyy-MM-dd}; today is outside it."));
    }

    /// <summary>Plans are read by the organisation that made them, their inspectors, and district-wide roles.</summary>
    public bool VisibleTo(Caller caller) =>
        caller.Scope.IsDistrictWide || caller.OrganisationId == OwnerOrganisationId || InspectorIds.Contains(caller.UserId);
}
