using FluentValidation;
using JasperFx.Events;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Emergency.Plans;

/// <summary>An emergency plan with every version it has had (the latest last): the inline projection GET and search read.</summary>
public sealed class EmergencyPlanView : IOwnedRecord
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public Guid? EnterpriseId { get; set; }
    public string? EnterpriseName { get; set; }
    public Guid? TownId { get; set; }
    public string? TownName { get; set; }
    public List<IndustryDomain> Domains { get; set; } = [];
    public string Title { get; set; } = "";
    public EmergencyPlanKind Kind { get; set; }
    public string Scope { get; set; } = "";
    public List<EmergencyPlanVersion> Versions { get; set; } = [];
    public EmergencyPlanVersion Current => Versions[^1];
    public DateOnly ReviewDue { get; set; }
    public PlanFilingStatus Filing { get; set; }
    public string? FilingNumber { get; set; }
    public DateTimeOffset AdoptedAt { get; set; }

    public EmergencyOwner OwnerOf() => new(EnterpriseId, EnterpriseName, TownId, TownName, Domains);

    public static EmergencyPlanView Create(IEvent<EmergencyPlanAdopted> e) => new()
    {
        Id = e.Data.PlanId, EnterpriseId = e.Data.Owner.EnterpriseId, EnterpriseName = e.Data.Owner.EnterpriseName, TownId = e.Data.Owner.TownId,
        TownName = e.Data.Owner.TownName, Domains = [.. e.Data.Owner.Domains], Title = e.Data.Title, Kind = e.Data.Kind, Scope = e.Data.Scope,
        Versions = [e.Data.Version], ReviewDue = e.Data.Version.ReviewDue, AdoptedAt = e.Timestamp
    };

    public void Apply(EmergencyPlanRevised e)
    {
        Versions.Add(e.Version);
        ReviewDue = e.Version.ReviewDue;
    }

    public void Apply(EmergencyPlanFilingRecorded e)
    {
        Filing = e.Status;
        FilingNumber = e.FilingNumber;
    }

    public EmergencyPlanRevised Revise(EmergencyPlanVersion version, Actor by)
    {
        if (Versions.Any(v => v.Label == version.Label))
            throw ApiProblemException.Conflict(ProblemLanguage.Say($"预案已有版本 {version.Label}。", $"The plan already has version {version.Label}."), State(this).ToDictionary());
        return new EmergencyPlanRevised(Id, version, by);
    }

    public static IReadOnlyDictionary<string, object?> State(EmergencyPlanView p) =>
        new Dictionary<string, object?> { ["currentVersion"] = p.Version, ["versionLabel"] = p.Current.Label };
}

public static class EmergencyPlanAccess
{
    public static readonly Noun Name = new("应急预案", "Emergency plan");

    public static readonly CommandRules<EmergencyPlanView> Keep = new(Name, EmergencyAccess.Sees, EmergencyAccess.MayKeep,
        p => ProblemLanguage.Say($"您的角色不能修改{p.EnterpriseName ?? p.TownName ?? "区级"}的应急预案。",
            $"Your role may not change the emergency plans of {p.EnterpriseName ?? p.TownName ?? "the district"}."), EmergencyPlanView.State);

    /// <summary>Takes a document id (uploaded with POST /api/evidence) the caller may read into use by the plan: its reference.</summary>
    public static async Task<EvidenceRef?> DocumentAsync(this IDocumentSession session, Guid? id, Caller caller, Guid planId, EmergencyOwner owner,
        CancellationToken ct) =>
        id is { } documentId
            ? (await session.TakeIntoUseAsync([documentId], caller, EmergencyEvidence.Use(planId, owner.EnterpriseId, owner.TownId, owner.Domains), ct,
                "documentId"))[0]
            : null;
}

public sealed record AdoptEmergencyPlan(string Title, EmergencyPlanKind Kind, string Scope, string VersionLabel, DateOnly EffectiveOn,
    DateOnly ReviewDue, Guid? DocumentId = null, Guid? EnterpriseId = null, Guid? TownId = null);

public sealed class AdoptEmergencyPlanValidator : AbstractValidator<AdoptEmergencyPlan>
{
    public AdoptEmergencyPlanValidator()
    {
        RuleFor(x => x.Title).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写预案名称。", "Give the plan's title.")).MaximumLength(200);
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Scope).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写适用范围。", "Give the scope.")).MaximumLength(2000);
        RuleFor(x => x.VersionLabel).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写版本号。", "Give the version label.")).MaximumLength(50);
        RuleFor(x => x).Must(x => x.ReviewDue > x.EffectiveOn).WithName("reviewDue").WithMessage(_ => ProblemLanguage.Say("评审日期须晚于生效日期。", "The review date must be after the effective date."));
    }
}

public sealed record ReviseEmergencyPlan(string VersionLabel, DateOnly EffectiveOn, DateOnly ReviewDue, Guid? DocumentId = null,
    string? Changes = null, long? ExpectedVersion = null);

public sealed class ReviseEmergencyPlanValidator : AbstractValidator<ReviseEmergencyPlan>
{
    public ReviseEmergencyPlanValidator()
    {
        RuleFor(x => x.VersionLabel).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写版本号。", "Give the version label.")).MaximumLength(50);
        RuleFor(x => x.Changes).MaximumLength(4000);
        RuleFor(x => x).Must(x => x.ReviewDue > x.EffectiveOn).WithName("reviewDue").WithMessage(_ => ProblemLanguage.Say("评审日期须晚于生效日期。", "The review date must be after the effective date."));
    }
}

public sealed record RecordPlanFiling(PlanFilingStatus Status, string? FilingNumber = null, long? ExpectedVersion = null);

public sealed class RecordPlanFilingValidator : AbstractValidator<RecordPlanFiling>
{
    public RecordPlanFilingValidator()
    {
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.FilingNumber).MaximumLength(100);
        RuleFor(x => x.FilingNumber).NotEmpty().When(x => x.Status == PlanFilingStatus.Filed).WithMessage(_ => ProblemLanguage.Say("已备案须填写备案编号。", "A filed plan needs its filing number."));
    }
}

public static class EmergencyPlanEndpoints
{
    [Authorize]
    [WolverinePost("/api/emergency/plans", OperationId = "AdoptEmergencyPlan")]
    [IdempotentCreate]
    public static async Task<IResult> Post(AdoptEmergencyPlan command, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var owner = await session.ResolveOwnerAsync(caller, command.EnterpriseId, command.TownId, ct);
        var id = Guid.CreateVersion7();
        var document = await session.DocumentAsync(command.DocumentId, caller, id, owner, ct);
        session.Events.StartStream<EmergencyPlanView>(id, new EmergencyPlanAdopted(id, owner, command.Title.Trim(), command.Kind, command.Scope.Trim(),
            new EmergencyPlanVersion(command.VersionLabel.Trim(), document, command.EffectiveOn, command.ReviewDue, null), caller.Actor));
        http.AnswerVersion(1);
        return CreatedResponse.At($"/api/emergency/plans/{id}", id, 1);
    }

    /// <summary>Issues a new version; the earlier ones stay (<c>versions</c>, oldest first).</summary>
    [Authorize]
    [WolverinePost("/api/emergency/plans/{id}/versions", OperationId = "ReviseEmergencyPlan")]
    public static async Task<EmergencyRecordVersion> Revise(Guid id, ReviseEmergencyPlan command, HttpContext http, IDocumentSession session,
        CancellationToken ct)
    {
        var outcome = await http.ExecuteAsync(session, id, command.ExpectedVersion, EmergencyPlanAccess.Keep, async (plan, caller) =>
        {
            var document = await session.DocumentAsync(command.DocumentId, caller, id, plan.OwnerOf(), ct);
            var version = new EmergencyPlanVersion(command.VersionLabel.Trim(), document, command.EffectiveOn, command.ReviewDue, command.Changes?.Trim());
            return [plan.Revise(version, caller.Actor)];
        }, ct);
        return new EmergencyRecordVersion(id, outcome.Version);
    }

    [Authorize]
    [WolverinePost("/api/emergency/plans/{id}/filing", OperationId = "RecordEmergencyPlanFiling")]
    public static async Task<EmergencyRecordVersion> File(Guid id, RecordPlanFiling command, HttpContext http, IDocumentSession session,
        CancellationToken ct)
    {
        var outcome = await http.ExecuteAsync(session, id, command.ExpectedVersion, EmergencyPlanAccess.Keep,
            (plan, caller) => CommandPath.One(new EmergencyPlanFilingRecorded(id, command.Status, command.FilingNumber?.Trim(), caller.Actor)), ct);
        return new EmergencyRecordVersion(id, outcome.Version);
    }

    [Authorize]
    [WolverineGet("/api/emergency/plans/{id}", OperationId = "GetEmergencyPlan")]
    public static async Task<EmergencyPlanView> Get(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var plan = await session.LoadAsync<EmergencyPlanView>(id, ct);
        if (plan is null || !EmergencyAccess.Sees(Caller.From(http.User), plan)) throw ApiProblemException.NotFound(EmergencyPlanAccess.Name, id);
        http.AnswerVersion(plan.Version);
        return plan;
    }

    /// <summary>Plans in scope; <c>reviewDueWithin</c> (days) lists those due for review by then (overdue included).</summary>
    [Authorize]
    [WolverineGet("/api/emergency/plans", OperationId = "SearchEmergencyPlans")]
    public static async Task<PagedResult<EmergencyPlanView>> Search(Guid? enterpriseId, Guid? townId, EmergencyPlanKind? kind,
        PlanFilingStatus? filing, int? reviewDueWithin, int? page, int? pageSize, HttpContext http, IQuerySession session, TimeProvider clock,
        CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        var query = session.Query<EmergencyPlanView>().InScope(Caller.From(http.User));
        if (enterpriseId is { } e) query = query.Where(p => p.EnterpriseId == e);
        if (townId is { } t) query = query.Where(p => p.TownId == t);
        if (kind is { } k) query = query.Where(p => p.Kind == k);
        if (filing is { } f) query = query.Where(p => p.Filing == f);
        if (reviewDueWithin is { } days)
        {
            var until = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(days);
            query = query.Where(p => p.ReviewDue <= until);
        }
        var list = await query.OrderBy(p => p.ReviewDue).ThenBy(p => p.Id).ToPagedListAsync(paging, ct);
        return new PagedResult<EmergencyPlanView>(list.ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }
}
