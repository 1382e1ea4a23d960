using System.Security.Claims;
using FluentValidation;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace AnJiaXing.RiskControl.Patrols;

public sealed record PatrolResultInput(string Item, bool Ok, string? Notes, Guid[]? EvidenceIds);

/// <summary><c>POST /api/patrols</c>: a signed patrol record of one risk point, optionally under a task.</summary>
public sealed record RecordPatrol(Guid? TaskId, Guid RiskPointId, PatrolResultInput[] Results, DateTimeOffset? PatrolledAt = null);

public sealed class RecordPatrolValidator : AbstractValidator<RecordPatrol>
{
    public RecordPatrolValidator(TimeProvider clock)
    {
        RuleFor(x => x.RiskPointId).NotEmpty();
        RuleFor(x => x.Results).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请至少记录一个巡查项目的结果。", "Record the result of at least one patrol check."))
            .Must(r => r is null || r.Length <= 100).WithMessage(_ => ProblemLanguage.Say("一次巡查最多 100 项。", "At most 100 checks per patrol."))
            .Must(r => r is null || r.Where(x => x is not null).Select(x => x.Item?.Trim()).Distinct().Count() == r.Length)
            .WithMessage(_ => ProblemLanguage.Say("同一巡查项目只能记录一次。", "A patrol check is recorded once only."));
        RuleForEach(x => x.Results).ChildRules(r =>
        {
            r.RuleFor(x => x.Item).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写巡查项目。", "Give the patrol check.")).MaximumLength(200);
            r.RuleFor(x => x.Notes).MaximumLength(1000);
            r.RuleFor(x => x.Notes).NotEmpty().When(x => !x.Ok).WithMessage(_ => ProblemLanguage.Say("异常项请说明情况。", "Describe what is wrong for a check that is not OK."));
            r.RuleFor(x => x.EvidenceIds).Must(ids => ids is null || ids.Length <= 20).WithMessage(_ => ProblemLanguage.Say("每项最多 20 个附件。", "At most 20 attachments per check."));
        });
        RuleFor(x => x.PatrolledAt).Must(t => t is null || t <= clock.GetUtcNow().AddMinutes(5)).WithMessage(_ => ProblemLanguage.Say("巡查时间不能晚于现在。", "The patrol time cannot be later than now."));
    }
}

/// <summary>The answer of a patrol record: <c>{ id, version, raisedHazardIds }</c>.</summary>
public sealed record PatrolRecordCreated(Guid Id, long Version, IReadOnlyList<Guid> RaisedHazardIds);

public static class RecordPatrolEndpoint
{
    /// <summary>
    /// Records the patrol and, for an enterprise's risk point, sends one <see cref="RaiseHazardFromPatrol"/> per abnormal
    /// result through Wolverine's outbox in the same transaction (the hazard id derives from patrol and item, so a redelivery
    /// raises nothing new). The answer names the hazards' ids at once; they appear in the ledger a moment later.
    /// </summary>
    [Authorize]
    [WolverinePost("/api/patrols", OperationId = "RecordPatrol")]
    [IdempotentCreate]
    public static async Task<IResult> Post(RecordPatrol command, ClaimsPrincipal user, HttpContext http, IDocumentSession session,
        IMessageBus bus, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var point = await RiskPointReads.VisibleAsync(command.RiskPointId, caller, session, ct);
        IReadOnlyCollection<Guid> assignees = [];
        if (command.TaskId is { } taskId)
        {
            var task = await session.LoadAsync<PatrolTaskView>(taskId, ct);
            if (task is null || !PatrolAccess.Sees(caller, task)) throw ApiProblemException.NotFound("巡查任务", "Patrol task", taskId);
            if (!task.RiskPointIds.Contains(point.Id))
                throw ApiProblemException.Validation("riskPointId", ProblemLanguage.Say($"风险点“{point.Name}”不在该巡查任务中。", $"The risk point '{point.Name}' is not in this patrol task."));
            assignees = task.Assignees.Select(a => a.UserId).ToList();
        }
        if (!RiskPointAccess.MayPatrol(caller, point, assignees))
            throw ApiProblemException.Forbidden(ProblemLanguage.Say($"您的角色不能记录风险点“{point.Name}”的巡查。", $"Your role may not record a patrol of the risk point '{point.Name}'."));

        var id = Guid.CreateVersion7();
        var use = new EvidenceUse(id, point.EnterpriseId ?? Guid.Empty, point.TownId, point.Domain);
        var results = new List<PatrolResult>();
        foreach (var r in command.Results)
            results.Add(new PatrolResult(r.Item.Trim(), r.Ok, r.Notes?.Trim(), await session.TakeIntoUseAsync(r.EvidenceIds, caller, use, ct)));

        var patrolledAt = command.PatrolledAt ?? clock.GetUtcNow();
        var raised = point.EnterpriseId is null ? [] : results.Where(r => !r.Ok)
            .Select(r => new PatrolHazard(r.Item, PatrolHazardId(id, r.Item))).ToList();
        session.Events.StartStream<PatrolRecordView>(id, new PatrolRecorded(id, command.TaskId, point.Id, point.Name, point.EnterpriseId,
            point.TownId, point.Domain, results, raised, patrolledAt, caller.Actor));

        foreach (var hazard in raised)
        {
            session.Store(new RiskHazardLink { Id = hazard.HazardId, RiskPointId = point.Id, PatrolId = id });
            var result = results.Single(r => r.Item == hazard.Item);
            var description = $"风险巡查发现异常：{point.Name}（{point.Level.ChineseName()}）— {result.Item}：{result.Notes}";
            await bus.PublishAsync(new RaiseHazardFromPatrol(id, result.Item, hazard.HazardId, point.EnterpriseId!.Value, point.Id, point.Name,
                point.Domain, description.Length > 2000 ? description[..2000] : description, point.Location, result.Evidence, patrolledAt, caller));
        }

        http.AnswerVersion(1);
        return Results.Created($"/api/patrols/{id}", new PatrolRecordCreated(id, 1, raised.Select(h => h.HazardId).ToList()));
    }

    /// <summary>The hazard an abnormal item of a patrol raises, the same on every delivery.</summary>
    public static Guid PatrolHazardId(Guid patrolId, string item) => StableId.For($"risk-patrol/{patrolId:N}/{item}");
}

public static class ReadPatrolsEndpoints
{
    [Authorize]
    [WolverineGet("/api/patrols", OperationId = "SearchPatrols")]
    public static async Task<PagedResult<PatrolRecordView>> Search(Guid? riskPointId, Guid? enterpriseId, Guid? taskId,
        DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        var query = session.Query<PatrolRecordView>().InScope(Caller.From(user).Scope.Constraint,
            nameof(PatrolRecordView.EnterpriseId), nameof(PatrolRecordView.TownId), domain: nameof(PatrolRecordView.Domain));
        if (riskPointId is { } rp) query = query.Where(r => r.RiskPointId == rp);
        if (enterpriseId is { } e) query = query.Where(r => r.EnterpriseId == e);
        if (taskId is { } t) query = query.Where(r => r.TaskId == t);
        if (from is { } f) query = query.Where(r => r.PatrolledAt >= f);
        if (to is { } u) query = query.Where(r => r.PatrolledAt < u);
        var list = await query.OrderByDescending(r => r.PatrolledAt).ToPagedListAsync(paging, ct);
        return new PagedResult<PatrolRecordView>(list.ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }

    [Authorize]
    [WolverineGet("/api/patrols/{id}", OperationId = "GetPatrol")]
    public static async Task<PatrolRecordView> Get(Guid id, ClaimsPrincipal user, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var record = await session.LoadAsync<PatrolRecordView>(id, ct);
        if (record is null || !PatrolAccess.Sees(Caller.From(user), record)) throw ApiProblemException.NotFound("巡查记录", "Patrol record", id);
        http.AnswerVersion(record.Version);
        return record;
    }
}
