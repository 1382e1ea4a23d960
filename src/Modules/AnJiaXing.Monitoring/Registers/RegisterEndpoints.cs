using System.Security.Claims;
using FluentValidation;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Monitoring.Registers;

public sealed record RegisterEquipment(Guid EnterpriseId, string Name, string Kind, string? Code, string? Location, DateOnly? InspectedOn,
    DateOnly ExpiresOn, int? RemindDaysBefore);

public sealed class RegisterEquipmentValidator : AbstractValidator<RegisterEquipment>
{
    public RegisterEquipmentValidator()
    {
        RuleFor(x => x.EnterpriseId).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请选择企业", "Choose the enterprise"));
        RuleFor(x => x.Name).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写设备名称", "Give the equipment's name")).MaximumLength(200);
        RuleFor(x => x.Kind).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写设备类别", "Give the equipment kind")).MaximumLength(100);
        RuleFor(x => x.Code).MaximumLength(100);
        RuleFor(x => x.Location).MaximumLength(500);
        RuleFor(x => x.ExpiresOn).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写有效期至", "Give the expiry date"));
        RuleFor(x => x).Must(x => x.InspectedOn is null || x.InspectedOn <= x.ExpiresOn).WithName("inspectedOn").WithMessage(_ => ProblemLanguage.Say("检验日期不能晚于有效期", "The inspection date cannot be after the expiry"));
        RuleFor(x => x.RemindDaysBefore).InclusiveBetween(0, 365).WithMessage(_ => ProblemLanguage.Say("提前提醒天数为 0 至 365", "Reminder days before are 0 to 365"));
    }
}

public sealed record RegisterCertificate(Guid EnterpriseId, string HolderName, string Kind, string Number, DateOnly? IssuedOn, DateOnly ExpiresOn);

public sealed class RegisterCertificateValidator : AbstractValidator<RegisterCertificate>
{
    public RegisterCertificateValidator()
    {
        RuleFor(x => x.EnterpriseId).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请选择企业", "Choose the enterprise"));
        RuleFor(x => x.HolderName).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写持证人或持证单位", "Give the holder (person or organisation)")).MaximumLength(200);
        RuleFor(x => x.Kind).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写证书类别", "Give the certificate kind")).MaximumLength(100);
        RuleFor(x => x.Number).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写证书编号", "Give the certificate number")).MaximumLength(100);
        RuleFor(x => x.ExpiresOn).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写有效期至", "Give the expiry date"));
        RuleFor(x => x).Must(x => x.IssuedOn is null || x.IssuedOn <= x.ExpiresOn).WithName("issuedOn").WithMessage(_ => ProblemLanguage.Say("发证日期不能晚于有效期", "The issue date cannot be after the expiry"));
    }
}

public static class RegisterEndpoints
{
    public const int DefaultRemindDays = 30;

    private static async Task<(Caller Caller, Organisation Enterprise)> EnterpriseFor(Guid enterpriseId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var enterprise = await session.LoadAsync<Organisation>(enterpriseId, ct);
        if (enterprise is not { Kind: OrganisationKind.Enterprise }) throw ApiProblemException.NotFound(Noun.Enterprise, enterpriseId);
        caller.Scope.HideUnlessCoversEnterprise(enterprise.Id, enterprise.TownId ?? Guid.Empty, enterprise.Domains, Noun.Enterprise);
        if (!MajorHazardSourceAccess.MayRegister(caller)) throw ApiProblemException.Forbidden(ProblemLanguage.Say("您的角色不能登记台账。", "Your role may not keep these registers."));
        return (caller, enterprise);
    }

    [Authorize]
    [WolverinePost("/api/equipment", OperationId = "RegisterEquipment")]
    [IdempotentCreate]
    public static async Task<IResult> PostEquipment(RegisterEquipment command, ClaimsPrincipal user, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        var (caller, enterprise) = await EnterpriseFor(command.EnterpriseId, user, session, ct);
        var id = Guid.CreateVersion7();
        session.Events.StartStream<EquipmentView>(id, new EquipmentRegistered(id, enterprise.Id, enterprise.Name, enterprise.TownId ?? Guid.Empty,
            [.. enterprise.Domains], command.Name.Trim(), command.Kind.Trim(), command.Code, command.Location, command.InspectedOn, command.ExpiresOn,
            command.RemindDaysBefore ?? DefaultRemindDays, caller.Actor));
        http.AnswerVersion(1);
        return CreatedResponse.At($"/api/equipment/{id}", id, 1);
    }

    [Authorize]
    [WolverinePost("/api/certificates", OperationId = "RegisterCertificate")]
    [IdempotentCreate]
    public static async Task<IResult> PostCertificate(RegisterCertificate command, ClaimsPrincipal user, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        var (caller, enterprise) = await EnterpriseFor(command.EnterpriseId, user, session, ct);
        var id = Guid.CreateVersion7();
        session.Events.StartStream<CertificateView>(id, new CertificateRegistered(id, enterprise.Id, enterprise.Name, enterprise.TownId ?? Guid.Empty,
            [.. enterprise.Domains], command.HolderName.Trim(), command.Kind.Trim(), command.Number.Trim(), command.IssuedOn, command.ExpiresOn, caller.Actor));
        http.AnswerVersion(1);
        return CreatedResponse.At($"/api/certificates/{id}", id, 1);
    }

    private static int Within(int? days, string field) =>
        days is null or (>= 0 and <= 3650) ? days ?? DefaultRemindDays : throw ApiProblemException.Validation(field, ProblemLanguage.Say($"{field} 为 0 至 3650 天", $"{field} is 0 to 3650 days"));

    /// <summary>The equipment register in scope; <c>expiringWithin</c> days keeps what expires by then (expired included), soonest first.</summary>
    [Authorize]
    [WolverineGet("/api/equipment", OperationId = "SearchEquipment")]
    public static async Task<PagedResult<EquipmentView>> GetEquipment(Guid? enterpriseId, int? expiringWithin, int? page, int? pageSize,
        ClaimsPrincipal user, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        var caller = Caller.From(user);
        var query = session.Query<EquipmentView>().InScope(caller.Scope.Constraint,
            nameof(EquipmentView.EnterpriseId), nameof(EquipmentView.TownId), domains: nameof(EquipmentView.Domains));
        if (enterpriseId is { } e) query = query.Where(x => x.EnterpriseId == e);
        if (expiringWithin is not null)
        {
            var limit = Today(clock).AddDays(Within(expiringWithin, "expiringWithin"));
            query = query.Where(x => x.ExpiresOn <= limit);
        }
        var list = await query.OrderBy(x => x.ExpiresOn).ToPagedListAsync(paging, ct);
        return new PagedResult<EquipmentView>(list.ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }

    /// <summary>The certificate register in scope; <c>expiringWithin</c> as for equipment.</summary>
    [Authorize]
    [WolverineGet("/api/certificates", OperationId = "SearchCertificates")]
    public static async Task<PagedResult<CertificateView>> GetCertificates(Guid? enterpriseId, int? expiringWithin, int? page, int? pageSize,
        ClaimsPrincipal user, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        var caller = Caller.From(user);
        var query = session.Query<CertificateView>().InScope(caller.Scope.Constraint,
            nameof(CertificateView.EnterpriseId), nameof(CertificateView.TownId), domains: nameof(CertificateView.Domains));
        if (enterpriseId is { } e) query = query.Where(x => x.EnterpriseId == e);
        if (expiringWithin is not null)
        {
            var limit = Today(clock).AddDays(Within(expiringWithin, "expiringWithin"));
            query = query.Where(x => x.ExpiresOn <= limit);
        }
        var list = await query.OrderBy(x => x.ExpiresOn).ToPagedListAsync(paging, ct);
        return new PagedResult<CertificateView>(list.ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }

    /// <summary>Equipment and certificates in scope expiring within <c>within</c> days (default 30) or already expired, soonest first (at most 1,000).</summary>
    [Authorize]
    [WolverineGet("/api/expiry-warnings", OperationId = "GetExpiryWarnings")]
    public static async Task<IReadOnlyList<ExpiryWarning>> GetWarnings(int? within, Guid? enterpriseId, ClaimsPrincipal user, IQuerySession session,
        TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var today = Today(clock);
        var limit = today.AddDays(Within(within, "within"));
        var equipment = session.Query<EquipmentView>().InScope(caller.Scope.Constraint,
            nameof(EquipmentView.EnterpriseId), nameof(EquipmentView.TownId), domains: nameof(EquipmentView.Domains)).Where(x => x.ExpiresOn <= limit);
        var certificates = session.Query<CertificateView>().InScope(caller.Scope.Constraint,
            nameof(CertificateView.EnterpriseId), nameof(CertificateView.TownId), domains: nameof(CertificateView.Domains)).Where(x => x.ExpiresOn <= limit);
        if (enterpriseId is { } e)
        {
            equipment = equipment.Where(x => x.EnterpriseId == e);
            certificates = certificates.Where(x => x.EnterpriseId == e);
        }
        var warnings = (await equipment.OrderBy(x => x.ExpiresOn).Take(1000).ToListAsync(ct))
            .Select(x => Warning(ExpiryKind.Equipment, x.Id, x.EnterpriseId, x.EnterpriseName, x.Name, x.Code, x.ExpiresOn, today))
            .Concat((await certificates.OrderBy(x => x.ExpiresOn).Take(1000).ToListAsync(ct))
                .Select(x => Warning(ExpiryKind.Certificate, x.Id, x.EnterpriseId, x.EnterpriseName, $"{x.Kind}（{x.HolderName}）", x.Number, x.ExpiresOn, today)));
        return warnings.OrderBy(w => w.ExpiresOn).ThenBy(w => w.Name, StringComparer.Ordinal).Take(1000).ToList();
    }

    private static ExpiryWarning Warning(ExpiryKind kind, Guid id, Guid enterpriseId, string enterpriseName, string name, string? number, DateOnly expiresOn, DateOnly today)
    {
        var days = expiresOn.DayNumber - today.DayNumber;
        return new ExpiryWarning(kind, id, enterpriseId, enterpriseName, name, number, expiresOn, days, days < 0);
    }

    /// <summary>Expiry dates are the district's calendar days (UTC+8).</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
}
