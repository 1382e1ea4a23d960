using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Inspections.Plans;

public sealed record PlanInspections(
    string Name, InspectionPlanType Type, DateOnly PeriodStart, DateOnly PeriodEnd, Guid ChecklistId,
    Guid[] EnterpriseIds, Guid[] InspectorIds);

public sealed class PlanInspectionsValidator : AbstractValidator<PlanInspections>
{
    public PlanInspectionsValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Type).IsInEnum();
        RuleFor(x => x.ChecklistId).NotEmpty();
        RuleFor(x => x.PeriodEnd).GreaterThanOrEqualTo(x => x.PeriodStart).WithMessage(_ => ProblemLanguage.Say("结束日期不能早于开始日期。", "The period must end on or after its start."));
        RuleFor(x => x.EnterpriseIds).NotEmpty().Must(ids => ids.Length <= 500).WithMessage(_ => ProblemLanguage.Say("企业须为 1 至 500 家。", "Between 1 and 500 enterprises."));
        RuleFor(x => x.InspectorIds).NotEmpty().Must(ids => ids.Length <= 50).WithMessage(_ => ProblemLanguage.Say("检查人员须为 1 至 50 名。", "Between 1 and 50 inspectors."));
    }
}

public static class PlanInspectionsEndpoint
{
    private static readonly Role[] Planners = [Role.TownSupervisor, Role.DepartmentOfficer, Role.DistrictAdmin];

    [Authorize]
    [WolverinePost("/api/inspection-plans", OperationId = "PlanInspections")]
    [IdempotentCreate]
    public static async Task<IResult> Post(PlanInspections command, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        var caller = Caller.From(user);
        if (!Planners.Contains(caller.Role)) throw ApiProblemException.Forbidden(ProblemLanguage.Say("检查计划由街镇、部门或区级人员制定。", "Inspection plans are drawn up by town, department or district staff."));

        var checklist = await session.LoadAsync<Checklist>(command.ChecklistId, ct);
        if (checklist is null || !ChecklistAccess.CanRead(caller, ChecklistTarget.Of(checklist)))
            throw ApiProblemException.Validation("checklistId", ProblemLanguage.Say($"检查表 {command.ChecklistId} 不存在。", $"Unknown checklist {command.ChecklistId}."));

        var enterpriseIds = command.EnterpriseIds.Distinct().ToArray();
        var enterprises = (await session.LoadManyAsync<Organisation>(ct, enterpriseIds)).Where(o => o.Kind == OrganisationKind.Enterprise).ToList();
        var unknown = enterpriseIds.Except(enterprises.Select(e => e.Id)).ToList();
        if (unknown.Count > 0) throw ApiProblemException.Validation("enterpriseIds", ProblemLanguage.Say($"以下企业不存在：{string.Join("、", unknown)}。", $"Unknown enterprises: {string.Join(", ", unknown)}."));

        var inspectorIds = command.InspectorIds.Distinct().ToArray();
        var inspectors = await session.LoadManyAsync<Person>(ct, inspectorIds);
        var missing = inspectorIds.Except(inspectors.Select(u => u.Id)).ToList();
        if (missing.Count > 0) throw ApiProblemException.Validation("inspectorIds", ProblemLanguage.Say($"以下账号不存在：{string.Join("、", missing)}。", $"Unknown accounts: {string.Join(", ", missing)}."));

        var id = Guid.CreateVersion7();
        var planned = InspectionPlan.Plan(id, command.Name, command.Type, command.PeriodStart, command.PeriodEnd, checklist,
            enterprises, [.. inspectors], caller);
        session.Events.StartStream<InspectionPlan>(id, planned);
        return CreatedResponse.At($"/api/inspection-plans/{id}", id, 1);
    }
}
