using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Platform.Audit;

public sealed record ActorActivity(string Kind, long Count, IReadOnlyList<string> Links);

public sealed record ActorSummary(Guid UserId, DateTimeOffset? From, DateTimeOffset? To, IReadOnlyList<ActorActivity> Activities);

public static class AuditEndpoints
{
    /// <summary>
    /// Signed events across all streams, newest first. Auditors and district admins query everyone; anyone else only
    /// their own trail (<c>actorId</c> = themselves). Every query is itself recorded.
    /// </summary>
    [Authorize]
    [WolverineGet("/api/audit/events", OperationId = "QueryAuditEvents")]
    public static async Task<PagedResult<AuditEvent>> Events(
        Guid? actorId, Guid? organisationId, Guid? enterpriseId, string? streamType, string? eventType, DateTimeOffset? from, DateTimeOffset? to,
        int? page, int? pageSize, ClaimsPrincipal user, AuditTrail trail, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.From(user);
        RequireAuditAccess(caller, actorId);
        var paging = Paging.From(page, pageSize);
        var (items, total) = await trail.QueryAsync(
            new AuditFilter(actorId, organisationId, enterpriseId, streamType, eventType, from, to), paging.Skip, paging.PageSize, ct);

        Record(session, caller, http, total);
        return new PagedResult<AuditEvent>(items, paging.Page, paging.PageSize, total);
    }

    private static readonly (string Kind, string[] Types, string Link)[] Activities =
    [
        ("inspectionsPerformed", ["inspection_submitted"], "/api/inspections/{0}"),
        ("hazardsReported", ["hazard_reported"], "/api/hazards/{0}"),
        ("rechecks", ["recheck_passed", "recheck_failed"], "/api/hazards/{0}"),
        ("closures", ["hazard_closed", "closure_approved", "closure_rejected"], "/api/hazards/{0}"),
        ("confirmations", ["hazard_confirmed", "hazard_downgraded", "hazard_dismissed"], "/api/hazards/{0}"),
        ("assignments", ["rectification_assigned", "deadline_extended"], "/api/hazards/{0}")
    ];

    /// <summary>What one person checked, signed and closed.</summary>
    [Authorize]
    [WolverineGet("/api/audit/actors/{userId}/summary", OperationId = "GetActorSummary")]
    public static async Task<ActorSummary> Summary(
        Guid userId, DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal user, AuditTrail trail, IDocumentSession session, HttpContext http,
        CancellationToken ct)
    {
        var caller = Caller.From(user);
        RequireAuditAccess(caller, userId);
        var counts = await trail.ActorSummaryAsync(userId, from, to, Activities.SelectMany(a => a.Types).ToArray(), ct);
        var result = Activities.Select(a =>
        {
            var found = a.Types.Where(counts.ContainsKey).Select(t => counts[t]).ToList();
            return new ActorActivity(a.Kind, found.Sum(f => f.Count),
                found.SelectMany(f => f.Streams).Distinct().Take(50).Select(id => string.Format(a.Link, id)).ToList());
        }).ToList();
        Record(session, caller, http, result.Sum(r => r.Count));
        return new ActorSummary(userId, from, to, result);
    }

    private static void RequireAuditAccess(Caller caller, Guid? actorId)
    {
        if (caller.Scope.IsDistrictWide || actorId == caller.UserId) return;
        throw ApiProblemException.Forbidden(ProblemLanguage.Say("只有审计人员和区级管理员可以查阅他人的操作记录；您可以查阅自己的（actorId 为您的编号）。", "Only auditors and district admins read other people's audit trail; you may read your own (actorId = your id)."));
    }

    private static void Record(IDocumentSession session, Caller caller, HttpContext http, long count)
    {
        var id = Guid.CreateVersion7();
        var filters = http.Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        session.Events.StartStream<AuditLogEntry>(id, new AuditQueryRecorded(id, http.Request.Path.Value ?? "", filters, count, caller.Actor));
    }
}

/// <summary>Stream type of recorded audit queries (one short stream per query).</summary>
public sealed class AuditLogEntry
{
    public Guid Id { get; set; }
}
