using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Monitoring.MajorHazardSources;

public sealed record SubstanceInput(string Name, decimal Quantity, decimal CriticalQuantity, decimal? Beta);

/// <summary>
/// <c>grade</c> is optional: GB 18218-2018 computes it from <c>alpha</c> and the substances; a grade that differs from
/// the computed one is refused (400), so a form cannot record a grade the standard does not give.
/// </summary>
public sealed record RegisterMajorHazardSource(
    Guid EnterpriseId,
    string Name,
    decimal Alpha,
    SubstanceInput[] Substances,
    MonitoringPointSpec[]? MonitoringPoints,
    int? Grade = null);

public sealed class RegisterMajorHazardSourceValidator : AbstractValidator<RegisterMajorHazardSource>
{
    public RegisterMajorHazardSourceValidator()
    {
        RuleFor(x => x.EnterpriseId).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请选择企业", "Choose the enterprise"));
        RuleFor(x => x.Name).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写重大危险源名称", "Give the major hazard source's name")).MaximumLength(200).WithMessage(_ => ProblemLanguage.Say("名称最多 200 字", "A name has at most 200 characters"));
        RuleFor(x => x.Alpha).Must(a => Gb18218.Alphas.Contains(a))
            .WithMessage(_ => ProblemLanguage.Say("α 取值应为 GB 18218-2018 表5 的 0.5、1.0、1.2、1.5 或 2.0", "α must be 0.5, 1.0, 1.2, 1.5 or 2.0 (GB 18218-2018, table 5)"));
        RuleFor(x => x.Grade).InclusiveBetween(1, 4).WithMessage(_ => ProblemLanguage.Say("等级为 1 至 4", "The grade is 1 to 4"));
        RuleFor(x => x.Substances).NotEmpty().WithMessage(_ => ProblemLanguage.Say("至少填写一种危险化学品", "Give at least one hazardous chemical"))
            .Must(s => s is null || s.Length <= 100).WithMessage(_ => ProblemLanguage.Say("最多 100 种危险化学品", "At most 100 hazardous chemicals"));
        RuleForEach(x => x.Substances).ChildRules(s =>
        {
            s.RuleFor(x => x.Name).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写物质名称", "Give the substance's name")).MaximumLength(200);
            s.RuleFor(x => x.Quantity).GreaterThanOrEqualTo(0).WithMessage(_ => ProblemLanguage.Say("存在量不能为负", "The quantity present cannot be negative"));
            s.RuleFor(x => x.CriticalQuantity).GreaterThan(0).WithMessage(_ => ProblemLanguage.Say("临界量必须大于 0", "The critical quantity must be greater than 0"));
            s.RuleFor(x => x.Beta).GreaterThan(0).WithMessage(_ => ProblemLanguage.Say("校正系数 β 必须大于 0", "The correction factor β must be greater than 0"));
        });
        RuleFor(x => x.MonitoringPoints).Must(p => p is null || p.Length <= 500).WithMessage(_ => ProblemLanguage.Say("最多 500 个监测点", "At most 500 monitoring points"))
            .Must(p => p is null || p.Select(x => x.Code).Distinct(StringComparer.Ordinal).Count() == p.Length)
            .WithMessage(_ => ProblemLanguage.Say("监测点编码不能重复", "Monitoring point codes must be distinct"));
        RuleForEach(x => x.MonitoringPoints).ChildRules(p =>
        {
            p.RuleFor(x => x.Code).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写监测点编码", "Give the monitoring point code"))
                .Matches("^[A-Za-z0-9._-]{1,64}$").WithMessage(_ => ProblemLanguage.Say("监测点编码为 1 至 64 位字母、数字、点、下划线或连字符", "A monitoring point code is 1 to 64 letters, digits, '.', '_' or '-'"));
            p.RuleFor(x => x.Quantity).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写监测量（如 液位、温度、压力）", "Give the measured quantity (e.g. level, temperature, pressure)")).MaximumLength(50);
            p.RuleFor(x => x.Unit).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写单位", "Give the unit")).MaximumLength(20);
            p.RuleFor(x => x.Deadband).GreaterThanOrEqualTo(0).WithMessage(_ => ProblemLanguage.Say("回差不能为负", "The deadband cannot be negative"));
            p.RuleFor(x => x).Must(HaveAThreshold).WithName("thresholds").WithMessage(_ => ProblemLanguage.Say("至少设置一个报警阈值", "Set at least one alarm threshold"));
            p.RuleFor(x => x).Must(BeOrdered).WithName("thresholds").WithMessage(_ => ProblemLanguage.Say("阈值应满足 低低 < 低 < 高 < 高高", "Thresholds must satisfy lowLow < low < high < highHigh"));
        });
    }

    private static bool HaveAThreshold(MonitoringPointSpec p) => (p.LowLow ?? p.Low ?? p.High ?? p.HighHigh) is not null;

    private static bool BeOrdered(MonitoringPointSpec p)
    {
        var present = new[] { p.LowLow, p.Low, p.High, p.HighHigh }.Where(v => v is not null).Select(v => v!.Value).ToArray();
        return present.All(double.IsFinite) && present.Zip(present.Skip(1)).All(pair => pair.First < pair.Second);
    }
}

public static class RegisterMajorHazardSourceEndpoint
{
    [Authorize]
    [WolverinePost("/api/major-hazard-sources", OperationId = "RegisterMajorHazardSource")]
    [IdempotentCreate]
    public static async Task<IResult> Post(RegisterMajorHazardSource command, ClaimsPrincipal user, HttpContext http,
        IDocumentSession session, IDocumentStore store, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var enterprise = await session.LoadAsync<Organisation>(command.EnterpriseId, ct);
        if (enterprise is not { Kind: OrganisationKind.Enterprise }) throw ApiProblemException.NotFound(Noun.Enterprise, command.EnterpriseId);
        var townId = enterprise.TownId ?? Guid.Empty;
        caller.Scope.HideUnlessCoversEnterprise(enterprise.Id, townId, enterprise.Domains, Noun.Enterprise);
        if (!MajorHazardSourceAccess.MayRegister(caller)) throw ApiProblemException.Forbidden(ProblemLanguage.Say("您的角色不能登记重大危险源。", "Your role may not register major hazard sources."));

        var substances = command.Substances.Select(s => new HazardousSubstance(s.Name, s.Quantity, s.CriticalQuantity, s.Beta ?? 1m)).ToList();
        var assessment = Gb18218.Assess(command.Alpha, substances);
        if (!assessment.IsMajorHazardSource)
            throw ApiProblemException.Validation("substances",
                ProblemLanguage.Say($"Σq/Q = {assessment.QuantityRatioSum} < 1：按 GB 18218-2018 不构成重大危险源",
                    $"Σq/Q = {assessment.QuantityRatioSum} < 1: not a major hazard source under GB 18218-2018"));
        if (command.Grade is { } grade && grade != assessment.Grade)
            throw ApiProblemException.Validation("grade", ProblemLanguage.Say($"按 GB 18218-2018 计算 R = {assessment.R}，应为{assessment.Grade}级，与填写的{grade}级不符", $"By GB 18218-2018, R = {assessment.R} makes grade {assessment.Grade}, not the grade {grade} given"));

        var points = command.MonitoringPoints ?? [];
        var codes = points.Select(p => p.Code).ToArray();
        if (codes.Length > 0)
        {
            var taken = await session.Query<MonitoringPoint>().Where(p => p.Id.IsOneOf(codes)).Select(p => p.Id).ToListAsync(ct);
            // Codes are unique in the district (the readings route names a point by its code alone): a town with a
            // database of its own also asks the district's, which holds every town's points.
            if (taken.Count == 0 && !TownDatabases.IsDistrict(session.Database))
            {
                await using var district = store.QuerySession();
                taken = await district.Query<MonitoringPoint>().Where(p => p.Id.IsOneOf(codes)).Select(p => p.Id).ToListAsync(ct);
            }
            if (taken.Count > 0)
                throw ApiProblemException.Conflict(ProblemLanguage.Say($"监测点编码已被使用：{string.Join("、", taken)}", $"Monitoring point codes already in use: {string.Join(", ", taken)}"), new Dictionary<string, object?> { ["codes"] = taken });
        }

        var id = Guid.CreateVersion7();
        var registered = new MajorHazardSourceRegistered(id, enterprise.Id, enterprise.Name, townId, [.. enterprise.Domains], command.Name.Trim(),
            command.Alpha, substances, assessment.QuantityRatioSum, assessment.R, assessment.Grade!.Value, points, caller.Actor);
        session.Events.StartStream<MajorHazardSourceView>(id, registered);

        http.AnswerVersion(1);
        return CreatedResponse.At($"/api/major-hazard-sources/{id}", id, 1);
    }
}
