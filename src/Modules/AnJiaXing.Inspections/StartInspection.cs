using Wolverine;
using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Inspections;

public sealed record StartInspection(
    InspectionKind Kind,
    Guid? EnterpriseId = null,
    TemporaryEnterprise? TemporaryEnterprise = null,
    Guid? ChecklistId = null,
    Guid? PlanId = null,
    Guid? HazardId = null,
    Guid? TownId = null);

public sealed class StartInspectionValidator : AbstractValidator<StartInspection>
{
    private static readonly InspectionKind[] WithChecklist =
        [InspectionKind.Routine, InspectionKind.SpecialAction, InspectionKind.Holiday, InspectionKind.LawEnforcement, InspectionKind.SelfInspection];

    public StartInspectionValidator()
    {
        RuleFor(x => x.Kind).IsInEnum();
        When(x => x.Kind == InspectionKind.Temporary, () =>
        {
            RuleFor(x => x.TemporaryEnterprise).NotNull().WithMessage(_ => ProblemLanguage.Say("临时检查须写明企业：{ name, address }。", "A temporary check names the enterprise: { name, address }."));
            RuleFor(x => x.TemporaryEnterprise!.Name).NotEmpty().MaximumLength(200).When(x => x.TemporaryEnterprise is not null);
            RuleFor(x => x.TemporaryEnterprise!.Address).NotEmpty().MaximumLength(500).When(x => x.TemporaryEnterprise is not null);
            RuleFor(x => x.EnterpriseId).Null().WithMessage(_ => ProblemLanguage.Say("临时检查针对尚未登记的企业，请不要提供 enterpriseId。", "A temporary check is of an enterprise not yet registered; leave enterpriseId out."));
        }).Otherwise(() =>
        {
            RuleFor(x => x.TemporaryEnterprise).Null().WithMessage(_ => ProblemLanguage.Say("只有临时检查才写明未登记的企业。", "Only a temporary check names an unregistered enterprise."));
            RuleFor(x => x.TownId).Null().WithMessage(_ => ProblemLanguage.Say("townId 仅用于临时检查；其他检查使用企业所在的街镇。", "townId is for temporary checks; the enterprise's town is used otherwise."));
        });
        When(x => x.Kind == InspectionKind.Recheck, () =>
            RuleFor(x => x.HazardId).NotEmpty().WithMessage(_ => ProblemLanguage.Say("复查须写明所复查的隐患。", "A recheck inspection names the hazard it rechecks.")));
        When(x => x.Kind != InspectionKind.Recheck, () =>
            RuleFor(x => x.HazardId).Null().WithMessage(_ => ProblemLanguage.Say("只有复查才写明隐患。", "Only a recheck inspection names a hazard.")));
        When(x => x.Kind is not (InspectionKind.Temporary or InspectionKind.Recheck), () =>
            RuleFor(x => x.EnterpriseId).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请写明被检查的企业。", "Name the enterprise inspected.")));
        When(x => x.Kind == InspectionKind.QuickCheck, () =>
            RuleFor(x => x.ChecklistId).Null().WithMessage(_ => ProblemLanguage.Say("快速检查不用检查表，直接记录现场发现。", "A quick check records free-text findings without a checklist.")));
        When(x => WithChecklist.Contains(x.Kind), () =>
            RuleFor(x => x.ChecklistId).NotEmpty().When(x => x.PlanId is null)
                .WithMessage(_ => ProblemLanguage.Say("此类检查须按检查表（或检查计划的检查表）进行；记录现场发现请用 QuickCheck。", "This kind of inspection works through a checklist (or a plan's); use QuickCheck for free-text findings.")));
        When(x => x.PlanId is not null, () =>
            RuleFor(x => x.Kind).Must(k => k is InspectionKind.Routine or InspectionKind.SpecialAction or InspectionKind.Holiday or InspectionKind.LawEnforcement)
                .WithMessage(_ => ProblemLanguage.Say("检查计划下的检查须与计划类型一致。", "Inspections under a plan are of the plan's type.")));
    }
}

public static class StartInspectionEndpoint
{
    [Authorize]
    [WolverinePost("/api/inspections", OperationId = "StartInspection")]
    [IdempotentCreate]
    public static async Task<IResult> Post(
        StartInspection command, ClaimsPrincipal user, HttpContext http, IDocumentSession session,
        TimeProvider clock, IMessageBus bus, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var checklistId = command.ChecklistId;
        var enterpriseId = command.EnterpriseId;
        InspectionPlan? plan = null;
        if (command.PlanId is { } planId)
        {
            plan = await session.LoadAsync<InspectionPlan>(planId, ct);
            if (plan is null || !plan.VisibleTo(caller)) throw ApiProblemException.NotFound("检查计划", "Inspection plan", planId);
            if (plan.Type.Kind() != command.Kind)
                throw ApiProblemException.Validation("kind", ProblemLanguage.Say($"检查计划“{plan.Name}”的类型为 {plan.Type}，其检查的 kind 须为 {plan.Type.Kind()}。", $"Plan '{plan.Name}' is a {plan.Type} plan; its inspections are of kind {plan.Type.Kind()}."));
            if (checklistId is { } c && c != plan.ChecklistId)
                throw ApiProblemException.Validation("checklistId", ProblemLanguage.Say($"检查计划“{plan.Name}”使用其自带的检查表 {plan.ChecklistId}。", $"Plan '{plan.Name}' inspects with its own checklist {plan.ChecklistId}."));
            checklistId = plan.ChecklistId;
        }

        Guid? hazardToRecheck = null;
        if (command.HazardId is { } hazardId)
        {
            var clearance = await HazardRechecks.RequireClearanceAsync(bus, hazardId, caller, ct);
            if (enterpriseId is { } e && e != clearance.EnterpriseId)
                throw ApiProblemException.Validation("enterpriseId", ProblemLanguage.Say("该隐患属于另一家企业。", "The hazard belongs to another enterprise."));
            enterpriseId = clearance.EnterpriseId;
            hazardToRecheck = hazardId;
        }

        Organisation? enterprise = null;
        Guid townId;
        if (enterpriseId is { } eid)
        {
            enterprise = await session.LoadAsync<Organisation>(eid, ct);
            if (enterprise is not { Kind: OrganisationKind.Enterprise }) throw ApiProblemException.NotFound(Noun.Enterprise, eid);
            townId = enterprise.TownId ?? Guid.Empty;
        }
        else
        {
            townId = command.TownId ?? caller.TownId
                     ?? throw ApiProblemException.Validation("townId", ProblemLanguage.Say("请写明未登记企业所在的街镇。", "Name the town of the unregistered enterprise."));
        }
        var town = await session.LoadAsync<Organisation>(townId, ct);
        if (town is not { Kind: OrganisationKind.Town }) throw ApiProblemException.Validation("townId", ProblemLanguage.Say($"街镇 {townId} 不存在。", $"Unknown town {townId}."));

        Checklist? checklist = null;
        if (checklistId is { } cid)
        {
            checklist = await session.LoadAsync<Checklist>(cid, ct);
            if (checklist is null || !ChecklistAccess.CanRead(caller, ChecklistTarget.Of(checklist)))
                throw ApiProblemException.Validation("checklistId", ProblemLanguage.Say($"检查表 {cid} 不存在。", $"Unknown checklist {cid}."));
        }

        var target = new InspectionTarget(enterprise?.Id, town.Id,
            enterprise?.Domains ?? (checklist?.Domain is { } d ? [d] : []));
        if (!InspectionAccess.Covers(caller, target)) throw ApiProblemException.NotFound(Noun.Enterprise, (object?)enterprise?.Id ?? town.Id);
        if (!InspectionAccess.MayConduct(caller, target)) throw ApiProblemException.Forbidden(ProblemLanguage.Say("您的角色无权检查该企业。", "Your role may not inspect this enterprise."));
        plan?.RequireCovers(enterprise?.Id, caller, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));

        var id = Guid.CreateVersion7();
        var started = Inspection.Start(id, command.Kind, enterprise, command.TemporaryEnterprise, town, checklist, plan?.Id, hazardToRecheck, caller);
        session.Events.StartStream<InspectionRecord>(id, started);

        http.AnswerVersion(1);
        return CreatedResponse.At($"/api/inspections/{id}", id, 1);
    }
}
