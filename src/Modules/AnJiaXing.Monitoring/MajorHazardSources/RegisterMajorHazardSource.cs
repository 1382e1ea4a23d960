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
        RuleFor(x => x.EnterpriseId).NotEmpty().WithMessage("请选择企业");
        RuleFor(x => x.Name).NotEmpty().WithMessage("请填写重大危险源名称").MaximumLength(200).WithMessage("名称最多 200 字");
        RuleFor(x => x.Alpha).Must(a => Gb18218.Alphas.Contains(a))
            .WithMessage("α 取值应为 GB 18218-2018 表5 的 0.5、1.0、1.2、1.5 或 2.0");
        RuleFor(x => x.Grade).InclusiveBetween(1, 4).WithMessage("等级为 1 至 4");
        RuleFor(x => x.Substances).NotEmpty().WithMessage("至少填写一种危险化学品")
            .Must(s => s is null || s.Length <= 100).WithMessage("最多 100 种危险化学品");
        RuleForEach(x => x.Substances).ChildRules(s =>
        {
            s.RuleFor(x => x.Name).NotEmpty().WithMessage("请填写物质名称").MaximumLength(200);
            s.RuleFor(x => x.Quantity).GreaterThanOrEqualTo(0).WithMessage("存在量不能为负");
            s.RuleFor(x => x.CriticalQuantity).GreaterThan(0).WithMessage("临界量必须大于 0");
            s.RuleFor(x => x.Beta).GreaterThan(0).WithMessage("校正系数 β 必须大于 0");
        });
        RuleFor(x => x.MonitoringPoints).Must(p => p is null || p.Length <= 500).WithMessage("最多 500 个监测点")
            .Must(p => p is null || p.Select(x => x.Code).Distinct(StringComparer.Ordinal).Count() == p.Length)
            .WithMessage("监测点编码不能重复");
        RuleForEach(x => x.MonitoringPoints).ChildRules(p =>
        {
            p.RuleFor(x => x.Code).NotEmpty().WithMessage("请填写监测点编码")
                .Matches("^[A-Za-z0-9._-]{1,64}$").WithMessage("监测点编码为 1 至 64 位字母、数字、点、下划线或连字符");
            p.RuleFor(x => x.Quantity).NotEmpty().WithMessage("请填写监测量（如 液位、温度、压力）").MaximumLength(50);
            p.RuleFor(x => x.Unit).NotEmpty().WithMessage("请填写单位").MaximumLength(20);
            p.RuleFor(x => x.Deadband).GreaterThanOrEqualTo(0).WithMessage("回差不能为负");
            p.RuleFor(x => x).Must(HaveAThreshold).WithName("thresholds").WithMessage("至少设置一个报警阈值");
            p.RuleFor(x => x).Must(BeOrdered).WithName("thresholds").WithMessage("阈值应满足 低低 < 低 < 高 < 高高");
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
        IDocumentSession session, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var enterprise = await session.LoadAsync<Organisation>(command.EnterpriseId, ct);
        if (enterprise is not { Kind: OrganisationKind.Enterprise }) throw ApiProblemException.NotFound("Enterprise", command.EnterpriseId);
        var townId = enterprise.TownId ?? Guid.Empty;
        caller.Scope.HideUnlessCoversEnterprise(enterprise.Id, townId, enterprise.Domains, "Enterprise");
        if (!MajorHazardSourceAccess.MayRegister(caller)) throw ApiProblemException.Forbidden("您的角色不能登记重大危险源。");

        var substances = command.Substances.Select(s => new HazardousSubstance(s.Name, s.Quantity, s.CriticalQuantity, s.Beta ?? 1m)).ToList();
        var assessment = Gb18218.Assess(command.Alpha, substances);
        if (!assessment.IsMajorHazardSource)
            throw ApiProblemException.Validation("substances",
                $"Σq/Q = {assessment.QuantityRatioSum} < 1：按 GB 18218-2018 不构成重大危险源");
        if (command.Grade is { } grade && grade != assessment.Grade)
            throw ApiProblemException.Validation("grade", $"按 GB 18218-2018 计算 R = {assessment.R}，应为{assessment.Grade}级，与填写的{grade}级不符");

        var points = command.MonitoringPoints ?? [];
        var codes = points.Select(p => p.Code).ToArray();
        if (codes.Length > 0)
        {
            var taken = await session.Query<MonitoringPoint>().Where(p => p.Id.IsOneOf(codes)).Select(p => p.Id).ToListAsync(ct);
            if (taken.Count > 0)
                throw ApiProblemException.Conflict($"监测点编码已被使用：{string.Join("、", taken)}", new Dictionary<string, object?> { ["codes"] = taken });
        }

        var id = Guid.CreateVersion7();
        var registered = new MajorHazardSourceRegistered(id, enterprise.Id, enterprise.Name, townId, [.. enterprise.Domains], command.Name.Trim(),
            command.Alpha, substances, assessment.QuantityRatioSum, assessment.R, assessment.Grade!.Value, points, caller.Actor);
        session.Events.StartStream<MajorHazardSourceView>(id, registered);
        foreach (var p in points) session.Insert(MonitoringPoint.Of(registered, p));

        http.AnswerVersion(1);
        return CreatedResponse.At($"/api/major-hazard-sources/{id}", id, 1);
    }
}
