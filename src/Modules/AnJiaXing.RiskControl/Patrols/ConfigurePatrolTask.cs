using System.Security.Claims;
using FluentValidation;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace AnJiaXing.RiskControl.Patrols;

/// <summary>
/// <c>POST /api/patrol-tasks</c>: risk points of one enterprise (or public points of one town), the people who patrol them,
/// a schedule (<c>{ every: Day|Week|Month, times }</c>) and the items to check. <c>startsAt</c> defaults to now.
/// </summary>
public sealed record ConfigurePatrolTask(
    string? Name,
    Guid[] RiskPointIds,
    Guid[] AssigneeUserIds,
    PatrolSchedule Schedule,
    string[] CheckItems,
    DateTimeOffset? StartsAt = null);

public sealed class ConfigurePatrolTaskValidator : AbstractValidator<ConfigurePatrolTask>
{
    public ConfigurePatrolTaskValidator(TimeProvider clock)
    {
        // The scheduler catches up on every window since the start: a year back at most.
        RuleFor(x => x.StartsAt).Must(t => t is null || (t >= clock.GetUtcNow().AddDays(-366) && t <= clock.GetUtcNow().AddDays(366)))
            .WithMessage(_ => ProblemLanguage.Say("开始时间须在前后一年之内。", "The start must be within a year of now."));
        RuleFor(x => x.Name).MaximumLength(200);
        RuleFor(x => x.RiskPointIds).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请至少选择一个风险点。", "Choose at least one risk point."))
            .Must(ids => ids is null || ids.Length <= 100).WithMessage(_ => ProblemLanguage.Say("一个巡查任务最多 100 个风险点。", "A patrol task has at most 100 risk points."));
        RuleFor(x => x.AssigneeUserIds).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请至少指定一名巡查人员。", "Assign at least one patroller."))
            .Must(ids => ids is null || ids.Length <= 50).WithMessage(_ => ProblemLanguage.Say("一个巡查任务最多 50 名巡查人员。", "A patrol task has at most 50 patrollers."));
        RuleFor(x => x.Schedule).NotNull().WithMessage(_ => ProblemLanguage.Say("请设置巡查周期。", "Set the patrol period."));
        RuleFor(x => x.Schedule.Every).IsInEnum().When(x => x.Schedule is not null).WithName("schedule.every");
        RuleFor(x => x.Schedule.Times).InclusiveBetween(1, 31).When(x => x.Schedule is not null).WithName("schedule.times")
            .WithMessage(_ => ProblemLanguage.Say("每个周期的巡查次数应为 1 至 31 次。", "Patrols per period must be 1 to 31."));
        RuleFor(x => x.CheckItems).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请至少填写一个巡查项目。", "Give at least one patrol check."))
            .Must(items => items is null || items.Length <= 100).WithMessage(_ => ProblemLanguage.Say("巡查项目最多 100 项。", "At most 100 patrol checks."))
            .Must(items => items is null || items.Select(i => i?.Trim()).Distinct().Count() == items.Length).WithMessage(_ => ProblemLanguage.Say("巡查项目不能重复。", "Patrol checks must be distinct."));
        RuleForEach(x => x.CheckItems).NotEmpty().MaximumLength(200);
    }
}

public static class ConfigurePatrolTaskEndpoint
{
    [Authorize]
    [WolverinePost("/api/patrol-tasks", OperationId = "ConfigurePatrolTask")]
    [IdempotentCreate]
    public static async Task<IResult> Post(ConfigurePatrolTask command, ClaimsPrincipal user, HttpContext http, IDocumentSession session,
        IMessageBus bus, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var ids = command.RiskPointIds.Distinct().ToArray();
        var points = (await session.LoadManyAsync<RiskPointView>(ct, ids)).ToDictionary(p => p.Id);
        foreach (var id in ids)
            if (!points.TryGetValue(id, out var p) || !RiskPointAccess.Sees(caller, p)) throw ApiProblemException.NotFound(RiskPointAccess.Name, id);
        var first = points[ids[0]];
        if (points.Values.Any(p => p.EnterpriseId != first.EnterpriseId || p.TownId != first.TownId || p.Public != first.Public))
            throw ApiProblemException.Validation("riskPointIds", ProblemLanguage.Say("一个巡查任务的风险点须属于同一企业（公共风险点须属于同一镇）。", "The risk points of one patrol task must belong to one enterprise (public ones to one town)."));
        if (!PatrolAccess.MayConfigure(caller, first.Public))
            throw ApiProblemException.Forbidden(ProblemLanguage.Say("您的角色不能配置该巡查任务。", "Your role may not configure this patrol task."));

        var people = (await session.LoadManyAsync<Person>(ct, command.AssigneeUserIds.Distinct().ToArray())).ToDictionary(p => p.Id);
        var assignees = new List<RiskResponsible>();
        foreach (var uid in command.AssigneeUserIds.Distinct())
        {
            var ok = people.TryGetValue(uid, out var person) && person.Enabled && (first.EnterpriseId is { } e
                ? person.OrganisationId == e || (person.TownId == first.TownId && person.OrganisationKind == OrganisationKind.Town)
                : person.TownId == first.TownId && person.OrganisationKind == OrganisationKind.Town);
            if (!ok) throw ApiProblemException.Validation("assigneeUserIds", ProblemLanguage.Say($"巡查人员 {uid} 须为该企业或所在镇在用的账号。", $"Patroller {uid} must be an active account of the enterprise or its town."));
            assignees.Add(new RiskResponsible(person!.Id, person.DisplayName));
        }

        var id7 = Guid.CreateVersion7();
        var configured = new PatrolTaskConfigured(id7, first.EnterpriseId, first.EnterpriseName, first.TownId, first.Domain, first.Public,
            string.IsNullOrWhiteSpace(command.Name) ? $"{first.EnterpriseName ?? first.TownName}风险巡查" : command.Name.Trim(),
            ids, assignees, command.Schedule, command.CheckItems.Select(i => i.Trim()).ToList(),
            WholeSecond(command.StartsAt ?? clock.GetUtcNow()), caller.Actor);
        session.Events.StartStream<PatrolTaskView>(id7, configured);
        // The first window's check waits in the outbox with the task: committed together or not at all.
        await PatrolScheduler.StartAsync(session, bus, configured, clock.GetUtcNow());
        http.AnswerVersion(1);
        return CreatedResponse.At($"/api/patrol-tasks/{id7}", id7, 1);
    }

    /// <summary>
    /// A start in whole seconds: PostgreSQL keeps microseconds, so a start "now" with the clock's 100 ns ticks could
    /// compare as later than the same instant in a query, and the first window would not yet be open.
    /// </summary>
    private static DateTimeOffset WholeSecond(DateTimeOffset at) => at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond));
}

public static class ReadPatrolTasksEndpoints
{
    [Authorize]
    [WolverineGet("/api/patrol-tasks", OperationId = "SearchPatrolTasks")]
    public static async Task<PagedResult<PatrolTaskView>> Search(Guid? enterpriseId, Guid? townId, int? page, int? pageSize,
        ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        var query = session.Query<PatrolTaskView>().InScope(Caller.From(user).Scope.Constraint,
            nameof(PatrolTaskView.EnterpriseId), nameof(PatrolTaskView.TownId), domain: nameof(PatrolTaskView.Domain));
        if (enterpriseId is { } e) query = query.Where(t => t.EnterpriseId == e);
        if (townId is { } t) query = query.Where(x => x.TownId == t);
        var list = await query.OrderByDescending(t => t.StartsAt).ToPagedListAsync(paging, ct);
        return new PagedResult<PatrolTaskView>(list.ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }

    [Authorize]
    [WolverineGet("/api/patrol-tasks/{id}", OperationId = "GetPatrolTask")]
    public static async Task<PatrolTaskView> Get(Guid id, ClaimsPrincipal user, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var task = await VisibleAsync(id, Caller.From(user), session, ct);
        http.AnswerVersion(task.Version);
        return task;
    }

    /// <summary>The task's windows between <c>from</c> and <c>to</c> (default: the last 30 days up to now), each due, done or missed.</summary>
    [Authorize]
    [WolverineGet("/api/patrol-tasks/{id}/occurrences", OperationId = "GetPatrolOccurrences")]
    public static async Task<IReadOnlyList<PatrolOccurrence>> Occurrences(Guid id, DateTimeOffset? from, DateTimeOffset? to,
        ClaimsPrincipal user, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var task = await VisibleAsync(id, Caller.From(user), session, ct);
        var now = clock.GetUtcNow();
        var until = to ?? now;
        var since = from ?? until.AddDays(-30);
        if (since >= until) throw ApiProblemException.Validation("from", ProblemLanguage.Say("from 须早于 to。", "from must be before to."));
        if (until - since > TimeSpan.FromDays(366)) throw ApiProblemException.Validation("to", ProblemLanguage.Say("一次最多查询 366 天。", "At most 366 days are read at once."));
        var windowStart = PatrolCalendar.WindowStart(task.Schedule.Every, since);
        var records = await session.Query<PatrolRecordView>()
            .Where(r => r.TaskId == id && r.PatrolledAt >= windowStart && r.PatrolledAt < until.AddDays(32))
            .Select(r => new { r.RiskPointId, r.PatrolledAt }).ToListAsync(ct);
        return PatrolCalendar.Occurrences(task.Schedule, task.StartsAt, task.RiskPointIds,
            records.Select(r => (r.RiskPointId, r.PatrolledAt)).ToList(), since, until, now, task.MissedWindows);
    }

    private static async Task<PatrolTaskView> VisibleAsync(Guid id, Caller caller, IQuerySession session, CancellationToken ct)
    {
        var task = await session.LoadAsync<PatrolTaskView>(id, ct);
        if (task is null || !PatrolAccess.Sees(caller, task)) throw ApiProblemException.NotFound("巡查任务", "Patrol task", id);
        return task;
    }
}
