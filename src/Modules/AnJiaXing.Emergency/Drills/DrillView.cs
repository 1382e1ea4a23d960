using FluentValidation;
using JasperFx.Events;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Emergency.Drills;

public enum DrillStatus
{
    Planned,
    Completed
}

/// <summary>A drill from its plan (演练计划) to its record (演练记录): the inline projection GET, search and completion read.</summary>
public sealed class DrillView : IOwnedRecord
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public Guid? EnterpriseId { get; set; }
    public string? EnterpriseName { get; set; }
    public Guid? TownId { get; set; }
    public string? TownName { get; set; }
    public List<IndustryDomain> Domains { get; set; } = [];
    public string Title { get; set; } = "";
    public DateOnly PlannedOn { get; set; }
    public string Scenario { get; set; } = "";
    public Guid? EmergencyPlanId { get; set; }
    public List<string> Participants { get; set; } = [];
    public DrillStatus Status { get; set; }
    public DrillRecord? Record { get; set; }

    public static DrillView Create(IEvent<DrillPlanned> e) => new()
    {
        Id = e.Data.DrillId, EnterpriseId = e.Data.Owner.EnterpriseId, EnterpriseName = e.Data.Owner.EnterpriseName, TownId = e.Data.Owner.TownId,
        TownName = e.Data.Owner.TownName, Domains = [.. e.Data.Owner.Domains], Title = e.Data.Title, PlannedOn = e.Data.PlannedOn,
        Scenario = e.Data.Scenario, EmergencyPlanId = e.Data.EmergencyPlanId, Participants = [.. e.Data.Participants], Status = DrillStatus.Planned
    };

    public void Apply(DrillRecorded e)
    {
        Status = DrillStatus.Completed;
        Record = new DrillRecord(e.HeldOn, e.Summary, e.Evaluation, e.Improvements, e.ParticipantCount, e.Evidence, e.By);
    }

    public void RequireNotRecorded()
    {
        if (Status == DrillStatus.Completed)
            throw ApiProblemException.Conflict(ProblemLanguage.Say("该演练已有记录。", "This drill is already recorded."), new Dictionary<string, object?> { ["currentStatus"] = Status.ToString(), ["version"] = Version });
    }

    public DrillRecorded RecordHeld(RecordDrill command, IReadOnlyList<EvidenceRef> evidence, Actor by)
    {
        RequireNotRecorded();
        return new DrillRecorded(Id, command.HeldOn, command.Summary.Trim(), command.Evaluation.Trim(),
            [.. (command.Improvements ?? []).Select(i => i.Trim()).Where(i => i.Length > 0)], command.ParticipantCount, evidence, by);
    }
}

public sealed record DrillRecord(DateOnly HeldOn, string Summary, string Evaluation, IReadOnlyList<string> Improvements, int ParticipantCount,
    IReadOnlyList<EvidenceRef> Evidence, Actor RecordedBy);

/// <summary>How many of the drills planned in a period were held: planned, completed, overdue (planned day passed, no record).</summary>
public sealed record DrillCompletion(DateOnly From, DateOnly To, int Planned, int Completed, int Overdue, double? CompletionRate);

public sealed record PlanDrill(string Title, DateOnly PlannedOn, string Scenario, Guid? EmergencyPlanId = null, string[]? Participants = null,
    Guid? EnterpriseId = null, Guid? TownId = null);

public sealed class PlanDrillValidator : AbstractValidator<PlanDrill>
{
    public PlanDrillValidator()
    {
        RuleFor(x => x.Title).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写演练名称。", "Give the drill's title.")).MaximumLength(200);
        RuleFor(x => x.Scenario).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写演练场景。", "Give the drill's scenario.")).MaximumLength(2000);
        RuleFor(x => x.Participants).Must(p => p is null || p.Length <= 500).WithMessage(_ => ProblemLanguage.Say("参演人员至多 500 人。", "At most 500 participants."));
    }
}

public sealed record RecordDrill(DateOnly HeldOn, string Summary, string Evaluation, string[]? Improvements = null, int ParticipantCount = 0,
    Guid[]? EvidenceIds = null, long? ExpectedVersion = null);

public sealed class RecordDrillValidator : AbstractValidator<RecordDrill>
{
    public RecordDrillValidator(TimeProvider clock)
    {
        RuleFor(x => x.Summary).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写演练经过。", "Give the drill's summary.")).MaximumLength(4000);
        RuleFor(x => x.Evaluation).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写演练评估。", "Give the drill's evaluation.")).MaximumLength(4000);
        RuleFor(x => x.ParticipantCount).InclusiveBetween(0, 100_000);
        RuleFor(x => x.HeldOn).Must(d => d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1)).WithMessage(_ => ProblemLanguage.Say("演练日期不能晚于今天。", "The drill's date cannot be after today."));
        RuleFor(x => x.EvidenceIds).Must(ids => ids is null || ids.Length <= 20).WithMessage(_ => ProblemLanguage.Say("至多 20 个附件。", "At most 20 attachments."));
    }
}

public static class DrillEndpoints
{
    private static readonly Noun Name = new("应急演练", "Drill");

    private static readonly CommandRules<DrillView> Keep = new(Name, EmergencyAccess.Sees, EmergencyAccess.MayKeep,
        d => ProblemLanguage.Say($"您的角色不能记录{d.EnterpriseName ?? d.TownName ?? "区级"}的演练。",
            $"Your role may not record the drills of {d.EnterpriseName ?? d.TownName ?? "the district"}."),
        d => new Dictionary<string, object?> { ["currentStatus"] = d.Status.ToString(), ["version"] = d.Version });

    [Authorize]
    [WolverinePost("/api/emergency/drills", OperationId = "PlanDrill")]
    [IdempotentCreate]
    public static async Task<IResult> Post(PlanDrill command, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var owner = await session.ResolveOwnerAsync(caller, command.EnterpriseId, command.TownId, ct);
        if (command.EmergencyPlanId is { } planId)
        {
            var plan = await session.LoadAsync<EmergencyPlanView>(planId, ct);
            if (plan is null || !EmergencyAccess.Sees(caller, plan)) throw ApiProblemException.Validation("emergencyPlanId", ProblemLanguage.Say("所演练的应急预案不存在。", "The emergency plan of the drill does not exist."));
        }
        var id = Guid.CreateVersion7();
        session.Events.StartStream<DrillView>(id, new DrillPlanned(id, owner, command.Title.Trim(), command.PlannedOn, command.Scenario.Trim(),
            command.EmergencyPlanId, [.. (command.Participants ?? []).Select(p => p.Trim()).Where(p => p.Length > 0)], caller.Actor));
        http.AnswerVersion(1);
        return CreatedResponse.At($"/api/emergency/drills/{id}", id, 1);
    }

    /// <summary>Records a planned drill as held (演练记录); a drill has one record.</summary>
    [Authorize]
    [WolverinePost("/api/emergency/drills/{id}/record", OperationId = "RecordDrill")]
    public static async Task<EmergencyRecordVersion> Record(Guid id, RecordDrill command, HttpContext http, IDocumentSession session,
        CancellationToken ct)
    {
        var outcome = await http.ExecuteAsync(session, id, command.ExpectedVersion, Keep, async (drill, caller) =>
        {
            // A drill already recorded is a 409 before any evidence is looked at.
            drill.RequireNotRecorded();
            var evidence = await session.TakeIntoUseAsync(command.EvidenceIds, caller,
                EmergencyEvidence.Use(drill.Id, drill.EnterpriseId, drill.TownId, drill.Domains), ct);
            return [drill.RecordHeld(command, evidence, caller.Actor)];
        }, ct);
        return new EmergencyRecordVersion(id, outcome.Version);
    }

    [Authorize]
    [WolverineGet("/api/emergency/drills/{id}", OperationId = "GetDrill")]
    public static async Task<DrillView> Get(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var drill = await session.LoadAsync<DrillView>(id, ct);
        if (drill is null || !EmergencyAccess.Sees(Caller.From(http.User), drill)) throw ApiProblemException.NotFound(Name, id);
        http.AnswerVersion(drill.Version);
        return drill;
    }

    [Authorize]
    [WolverineGet("/api/emergency/drills", OperationId = "SearchDrills")]
    public static async Task<PagedResult<DrillView>> Search(Guid? enterpriseId, Guid? townId, DrillStatus? status, DateOnly? from, DateOnly? to,
        int? page, int? pageSize, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        var query = Filter(session, Caller.From(http.User), enterpriseId, townId, from, to);
        if (status is { } s) query = query.Where(d => d.Status == s);
        var list = await query.OrderBy(d => d.PlannedOn).ThenBy(d => d.Id).ToPagedListAsync(paging, ct);
        return new PagedResult<DrillView>(list.ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }

    /// <summary>Completion of the drills planned in [<c>from</c>, <c>to</c>] (default: this calendar year), in scope.</summary>
    [Authorize]
    [WolverineGet("/api/emergency/drills/completion", OperationId = "GetDrillCompletion")]
    public static async Task<DrillCompletion> Completion(Guid? enterpriseId, Guid? townId, DateOnly? from, DateOnly? to, HttpContext http,
        IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var start = from ?? new DateOnly(today.Year, 1, 1);
        var end = to ?? new DateOnly(today.Year, 12, 31);
        var drills = await Filter(session, Caller.From(http.User), enterpriseId, townId, start, end)
            .Select(d => new { d.Status, d.PlannedOn }).ToListAsync(ct);
        var completed = drills.Count(d => d.Status == DrillStatus.Completed);
        var overdue = drills.Count(d => d.Status == DrillStatus.Planned && d.PlannedOn < today);
        return new DrillCompletion(start, end, drills.Count, completed, overdue,
            drills.Count == 0 ? null : Math.Round((double)completed / drills.Count, 4));
    }

    private static IQueryable<DrillView> Filter(IQuerySession session, Caller caller, Guid? enterpriseId, Guid? townId, DateOnly? from, DateOnly? to)
    {
        var query = session.Query<DrillView>().InScope(caller);
        if (enterpriseId is { } e) query = query.Where(d => d.EnterpriseId == e);
        if (townId is { } t) query = query.Where(d => d.TownId == t);
        if (from is { } f) query = query.Where(d => d.PlannedOn >= f);
        if (to is { } u) query = query.Where(d => d.PlannedOn <= u);
        return query;
    }
}
