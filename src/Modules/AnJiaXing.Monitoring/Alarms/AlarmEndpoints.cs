using System.Security.Claims;
using FluentValidation;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Monitoring.Alarms;

public sealed record HandleAlarm(string? Remarks, long? ExpectedVersion = null);

public sealed class HandleAlarmValidator : AbstractValidator<HandleAlarm>
{
    public HandleAlarmValidator()
    {
        RuleFor(x => x.Remarks).MaximumLength(2000).WithMessage(_ => ProblemLanguage.Say("备注最多 2000 字", "Remarks have at most 2000 characters"));
    }
}

public sealed record AlarmVersion(Guid Id, long Version, AlarmStatus Status);

public static class AlarmEndpoints
{
    /// <summary>Acknowledges an open alarm (If-Match). The body is optional.</summary>
    [Authorize]
    [WolverinePost("/api/alarms/{id}/acknowledge", OperationId = "AcknowledgeAlarm")]
    public static async Task<AlarmVersion> Acknowledge(Guid id, HandleAlarm? command, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        var outcome = await http.ExecuteAsync(session, id, command?.ExpectedVersion, AlarmAccess.Handle,
            (alarm, caller) => CommandPath.One(alarm.Acknowledge(command?.Remarks, caller.Actor)), ct);
        return new AlarmVersion(id, outcome.Version, AlarmStatus.Acknowledged);
    }

    /// <summary>
    /// Resolves an alarm (If-Match) once its point is back to normal (beyond the deadband); the point's threshold is then
    /// free for a new alarm. The body is optional.
    /// </summary>
    [Authorize]
    [WolverinePost("/api/alarms/{id}/resolve", OperationId = "ResolveAlarm")]
    public static async Task<AlarmVersion> Resolve(Guid id, HandleAlarm? command, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        PointAlarmState? state = null;
        var outcome = await http.ExecuteAsync(session, id, command?.ExpectedVersion, AlarmAccess.Handle, async (alarm, caller) =>
        {
            state = await session.LoadAsync<PointAlarmState>(alarm.PointCode, ct);
            var level = state?.Levels.GetValueOrDefault(alarm.Level);
            var resolved = alarm.Resolve(command?.Remarks, level is { Active: true } && level.OpenAlarmId == alarm.Id, caller.Actor);
            if (level is not null && level.OpenAlarmId == alarm.Id)
            {
                level.OpenAlarmId = null;
                session.Update(state!);
            }
            return [resolved];
        }, ct);
        return new AlarmVersion(id, outcome.Version, AlarmStatus.Resolved);
    }

    /// <summary>One alarm, with <c>ETag</c>.</summary>
    [Authorize]
    [WolverineGet("/api/alarms/{id}", OperationId = "GetAlarm")]
    public static async Task<AlarmView> GetOne(Guid id, ClaimsPrincipal user, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var alarm = await session.LoadAsync<AlarmView>(id, ct);
        if (alarm is null || !AlarmAccess.Sees(caller, alarm)) throw ApiProblemException.NotFound(AlarmAccess.Name, id);
        http.AnswerVersion(alarm.Version);
        return alarm;
    }

    /// <summary>Alarms in the caller's scope, newest first.</summary>
    [Authorize]
    [WolverineGet("/api/alarms", OperationId = "SearchAlarms")]
    public static async Task<PagedResult<AlarmView>> Search(AlarmStatus? status, Guid? enterpriseId, string? point, int? page, int? pageSize,
        ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        var caller = Caller.From(user);
        var query = session.Query<AlarmView>().InScope(caller.Scope.Constraint,
            nameof(AlarmView.EnterpriseId), nameof(AlarmView.TownId), domains: nameof(AlarmView.Domains));
        if (status is { } s) query = query.Where(a => a.Status == s);
        if (enterpriseId is { } e) query = query.Where(a => a.EnterpriseId == e);
        if (!string.IsNullOrEmpty(point)) query = query.Where(a => a.PointCode == point);
        var list = await query.OrderByDescending(a => a.RaisedAt).ToPagedListAsync(paging, ct);
        return new PagedResult<AlarmView>(list.ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }
}
