using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Emergency.Incidents;

/// <summary>
/// An incident as it reached the district or its town the moment it was reported (written in the report's
/// transaction): one per recipient organisation. The notices module, when it comes, takes this over as a message.
/// </summary>
public sealed class IncidentAlert
{
    public Guid Id { get; set; }
    public Guid IncidentId { get; set; }
    public Guid RecipientId { get; set; }
    public string RecipientName { get; set; } = "";
    public IncidentKind Kind { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string Place { get; set; } = "";
    public string? TownName { get; set; }
    public string? EnterpriseName { get; set; }
    public int Deaths { get; set; }
    public int Injuries { get; set; }
    public Actor ReportedBy { get; set; } = Actor.System;

    /// <summary>The district and the incident's town hear of a report at once.</summary>
    public static async Task RaiseAsync(IDocumentSession session, IncidentReported reported, CancellationToken ct)
    {
        var district = await session.Query<Organisation>().FirstOrDefaultAsync(o => o.Kind == OrganisationKind.District, ct);
        var recipients = new List<(Guid Id, string Name)>();
        if (district is not null) recipients.Add((district.Id, district.Name));
        if (reported.Owner.TownId is { } town) recipients.Add((town, reported.Owner.TownName ?? ""));
        foreach (var (id, name) in recipients)
            session.Store(new IncidentAlert
            {
                Id = Guid.CreateVersion7(), IncidentId = reported.IncidentId, RecipientId = id, RecipientName = name, Kind = reported.Kind,
                OccurredAt = reported.OccurredAt, Place = reported.Place, TownName = reported.Owner.TownName,
                EnterpriseName = reported.Owner.EnterpriseName, Deaths = reported.Deaths, Injuries = reported.Injuries, ReportedBy = reported.By
            });
    }
}

public static class IncidentAlertsEndpoint
{
    /// <summary>The incident alerts that reached the caller's organisation (the district's office, a town), newest first.</summary>
    [Authorize]
    [WolverineGet("/api/emergency/alerts", OperationId = "GetIncidentAlerts")]
    public static async Task<PagedResult<IncidentAlert>> Get(int? page, int? pageSize, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        var caller = Caller.From(http.User);
        var list = await session.Query<IncidentAlert>().Where(a => a.RecipientId == caller.OrganisationId)
            .OrderByDescending(a => a.OccurredAt).ThenBy(a => a.Id).ToPagedListAsync(paging, ct);
        return new PagedResult<IncidentAlert>(list.ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }
}
