using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.RiskControl.RiskPoints;

/// <summary>
/// <c>POST /api/risk-points</c>: an enterprise's risk point (<c>enterpriseId</c>) or a public one of a town
/// (<c>public: true</c>, <c>townId</c>, no enterprise). <c>domain</c> defaults to the enterprise's first domain, and for a
/// public point to <c>Other</c>.
/// </summary>
public sealed record RegisterRiskPoint(
    Guid? EnterpriseId,
    bool? Public,
    Guid? TownId,
    string Name,
    string? Location,
    double? Latitude,
    double? Longitude,
    string Category,
    string? HazardFactors,
    string? PossibleAccidents,
    string[]? ControlMeasures,
    string? EmergencyMeasures,
    string? EmergencyPhone,
    Guid? ResponsibleUserId,
    RiskAssessment Assessment,
    IndustryDomain? Domain = null);

public sealed class RegisterRiskPointValidator : AbstractValidator<RegisterRiskPoint>
{
    public RegisterRiskPointValidator()
    {
        When(x => x.Public == true, () =>
        {
            RuleFor(x => x.TownId).NotEmpty().WithMessage(_ => ProblemLanguage.Say("公共风险点须指定所属镇（townId）。", "A public risk point needs its town (townId)."));
            RuleFor(x => x.EnterpriseId).Null().WithMessage(_ => ProblemLanguage.Say("公共风险点不属于任何企业，请勿填写 enterpriseId。", "A public risk point belongs to no enterprise; give no enterpriseId."));
        }).Otherwise(() =>
        {
            RuleFor(x => x.EnterpriseId).NotEmpty().WithMessage(_ => ProblemLanguage.Say("企业风险点须指定企业（enterpriseId）；公共风险点请设 public: true。", "An enterprise's risk point needs its enterprise (enterpriseId); for a public one set public: true."));
        });
        RuleFor(x => x.Name).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写风险点名称。", "Give the risk point's name.")).MaximumLength(200);
        RuleFor(x => x.Category).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写风险类别。", "Give the risk category.")).MaximumLength(100);
        RuleFor(x => x.Location).MaximumLength(500);
        RuleFor(x => x.HazardFactors).MaximumLength(2000);
        RuleFor(x => x.PossibleAccidents).MaximumLength(1000);
        RuleFor(x => x.EmergencyMeasures).MaximumLength(2000);
        RuleFor(x => x.EmergencyPhone).MaximumLength(50);
        RuleFor(x => x.Domain).IsInEnum();
        RuleFor(x => x.Latitude).InclusiveBetween(-90, 90);
        RuleFor(x => x.Longitude).InclusiveBetween(-180, 180);
        RuleFor(x => x).Must(x => x.Latitude.HasValue == x.Longitude.HasValue)
            .WithName("latitude").WithMessage(_ => ProblemLanguage.Say("经纬度须同时填写或同时不填。", "Give both latitude and longitude, or neither."));
        RuleFor(x => x.ControlMeasures).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请至少填写一条管控措施。", "Give at least one control measure."))
            .Must(m => m is null || m.Length <= 30).WithMessage(_ => ProblemLanguage.Say("管控措施最多 30 条。", "At most 30 control measures."));
        RuleForEach(x => x.ControlMeasures).NotEmpty().WithMessage(_ => ProblemLanguage.Say("管控措施不能为空。", "A control measure cannot be empty.")).MaximumLength(500);
        RuleFor(x => x.Assessment).NotNull().WithMessage(_ => ProblemLanguage.Say("请提供风险评估（LEC 或 LS）。", "Give the risk assessment (LEC or LS).")).SetValidator(new RiskAssessmentValidator());
    }
}

/// <summary>The answer of a create: <c>{ id, version, level }</c>.</summary>
public sealed record RiskPointCreated(Guid Id, long Version, RiskLevel Level, double Score);

public static class RegisterRiskPointEndpoint
{
    [Authorize]
    [WolverinePost("/api/risk-points", OperationId = "RegisterRiskPoint")]
    [IdempotentCreate]
    public static async Task<IResult> Post(RegisterRiskPoint command, ClaimsPrincipal user, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var id = Guid.CreateVersion7();
        var registered = await RiskPointRegistration.DecideAsync(id, command, caller, session, ct);
        session.Events.StartStream<RiskPointView>(id, registered);
        http.AnswerVersion(1);
        return Results.Created($"/api/risk-points/{id}", new RiskPointCreated(id, 1, registered.Level, registered.Score));
    }
}

/// <summary>The checks of a registration that need the database (shared by the endpoint and the import).</summary>
public static class RiskPointRegistration
{
    public static async Task<RiskPointRegistered> DecideAsync(Guid id, RegisterRiskPoint command, Caller caller, IQuerySession session, CancellationToken ct)
    {
        Organisation? enterprise = null;
        Organisation town;
        IndustryDomain domain;
        if (command.Public == true)
        {
            town = await session.LoadAsync<Organisation>(command.TownId!.Value, ct) is { Kind: OrganisationKind.Town } t
                ? t : throw ApiProblemException.NotFound(Noun.Town, command.TownId!.Value);
            domain = command.Domain ?? IndustryDomain.Other;
            if (!RiskPointAccess.Covers(caller.Scope, null, town.Id, domain))
                throw ApiProblemException.Forbidden(ProblemLanguage.Say($"{town.Name}的{domain}领域公共风险点不在您的管辖范围内。", $"Public risk points of {town.Name} in the domain {domain} are outside your jurisdiction."));
            if (!RiskPointAccess.MayManage(caller, true))
                throw ApiProblemException.Forbidden(ProblemLanguage.Say("您的角色不能登记公共风险点（镇街监管人员、职能部门或区安委办可以）。", "Your role may not register public risk points (town supervisors, departments and the district office may)."));
        }
        else
        {
            enterprise = await session.LoadAsync<Organisation>(command.EnterpriseId!.Value, ct) is { Kind: OrganisationKind.Enterprise } e
                ? e : throw ApiProblemException.NotFound(Noun.Enterprise, command.EnterpriseId!.Value);
            domain = command.Domain ?? enterprise.Domains.FirstOrDefault(IndustryDomain.Other);
            if (command.TownId is { } given && given != enterprise.TownId)
                throw ApiProblemException.Validation("townId", ProblemLanguage.Say("企业风险点的所属镇即企业所在镇，请勿填写其他镇。", "An enterprise's risk point is in the enterprise's town; give no other town."));
            caller.Scope.HideUnlessCoversEnterprise(enterprise.Id, enterprise.TownId ?? Guid.Empty, [domain], Noun.Enterprise);
            if (!RiskPointAccess.MayManage(caller, false))
                throw ApiProblemException.Forbidden(ProblemLanguage.Say($"您的角色不能为“{enterprise.Name}”登记风险点。", $"Your role may not register risk points for '{enterprise.Name}'."));
            if (!enterprise.Enabled) throw ApiProblemException.Conflict(ProblemLanguage.Say($"企业“{enterprise.Name}”已停用，不能登记风险点。", $"'{enterprise.Name}' is disabled; no risk point can be registered for it."));
            town = await session.LoadAsync<Organisation>(enterprise.TownId ?? Guid.Empty, ct)
                   ?? throw new InvalidOperationException($"Enterprise {enterprise.Id} has no town.");
        }

        Person? responsible = null;
        if (command.ResponsibleUserId is { } rid)
        {
            responsible = await session.LoadAsync<Person>(rid, ct);
            var belongs = responsible is { Enabled: true } p && (enterprise is not null
                ? p.OrganisationId == enterprise.Id
                : p.TownId == town.Id && p.OrganisationKind != OrganisationKind.Enterprise);
            if (!belongs)
                throw ApiProblemException.Validation("responsibleUserId", enterprise is not null
                    ? ProblemLanguage.Say("责任人须为该企业在用的账号。", "The responsible person must be an active account of the enterprise.")
                    : ProblemLanguage.Say("公共风险点的责任人须为该镇在用的工作人员账号。", "The responsible person of a public risk point must be an active staff account of its town."));
        }

        return RiskPoint.Register(id, enterprise, town, domain, command.Name, command.Location, command.Latitude, command.Longitude,
            command.Category, command.HazardFactors, command.PossibleAccidents, command.ControlMeasures ?? [], command.EmergencyMeasures,
            command.EmergencyPhone, responsible, command.Assessment, caller.Actor);
    }
}
