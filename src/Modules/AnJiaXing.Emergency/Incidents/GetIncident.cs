using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Emergency.Incidents;

public static class GetIncidentEndpoint
{
    [Authorize]
    [WolverineGet("/api/emergency/incidents/{id}", OperationId = "GetIncident")]
    public static async Task<IncidentView> Get(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var incident = await LoadVisibleAsync(id, http, session, ct);
        http.AnswerVersion(incident.Version);
        return incident;
    }

    [Authorize]
    [WolverineGet("/api/emergency/incidents/{id}/history", OperationId = "GetIncidentHistory")]
    public static async Task<IReadOnlyList<EmergencyHistoryEntry>> History(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        await LoadVisibleAsync(id, http, session, ct);
        return await EmergencyHistory.ReadAsync(session, id, ct);
    }

    private static async Task<IncidentView> LoadVisibleAsync(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var incident = await session.LoadAsync<IncidentView>(id, ct);
        return incident is not null && EmergencyAccess.Sees(Caller.From(http.User), incident) ? incident : throw ApiProblemException.NotFound(IncidentAccess.Name, id);
    }
}

public static class SearchIncidentsEndpoint
{
    /// <summary>Incidents in the caller's scope, the latest first.</summary>
    [Authorize]
    [WolverineGet("/api/emergency/incidents", OperationId = "SearchIncidents")]
    public static async Task<PagedResult<IncidentView>> Get(Guid? enterpriseId, Guid? townId, IncidentKind? kind, IncidentStatus? status,
        DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        var query = session.Query<IncidentView>().InScope(Caller.From(http.User));
        if (enterpriseId is { } e) query = query.Where(i => i.EnterpriseId == e);
        if (townId is { } t) query = query.Where(i => i.TownId == t);
        if (kind is { } k) query = query.Where(i => i.Kind == k);
        if (status is { } s) query = query.Where(i => i.Status == s);
        if (from is { } f) query = query.Where(i => i.OccurredAt >= f);
        if (to is { } until) query = query.Where(i => i.OccurredAt < until);
        var list = await query.OrderByDescending(i => i.OccurredAt).ThenBy(i => i.Id).ToPagedListAsync(paging, ct);
        return new PagedResult<IncidentView>(list.ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }
}
