using AnJiaXing.Platform.Persistence;
using System.Security.Claims;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Pagination;
using Marten.Services;
using Marten.Subscriptions;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Http;
using Wolverine.Runtime;
using Wolverine.Runtime.Handlers;

namespace AnJiaXing.RiskControl.ResidualRisk;

/// <summary>
/// Which risk point a hazard was raised on: written with the patrol record that raised it (same transaction), read when
/// the hazard closes. Risk control keeps the link itself, so the hazard ledger's shipped events stay as they are.
/// </summary>
public sealed class RiskHazardLink
{
    public Guid Id { get; set; }
    public Guid RiskPointId { get; set; }
    public Guid PatrolId { get; set; }
}

/// <summary>
/// Follows the hazard ledger's committed <see cref="HazardClosed"/> events on the async daemon: a closed hazard that a
/// patrol raised on a risk point sends <see cref="RequestRiskReassessment"/> (durable, at least once; the handler appends
/// once). A rewound or replayed subscription sends again and changes nothing.
/// </summary>
public sealed class ResidualRiskSubscription : SubscriptionBase
{
    public const string SubscriptionTitle = "RiskResidualReassessment";
    private readonly IServiceProvider _services;

    public ResidualRiskSubscription(IServiceProvider services)
    {
        _services = services;
        Name = SubscriptionTitle;
        IncludeType<HazardClosed>();
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations,
        CancellationToken cancellationToken)
    {
        var closed = page.EventsFor(operations, AnJiaXing.Platform.Tenancy.ModuleHome.Town).Where(e => e.Data is HazardClosed).ToList();
        if (closed.Count == 0) return SubscriptionMessages.NoChanges;
        var links = (await operations.LoadManyAsync<RiskHazardLink>(cancellationToken, closed.Select(e => ((HazardClosed)e.Data).HazardId).ToArray()))
            .ToDictionary(l => l.Id);
        if (links.Count == 0) return SubscriptionMessages.NoChanges;

        var bus = SubscriptionMessages.Bus(_services, operations);
        foreach (var e in closed)
        {
            var hazardId = ((HazardClosed)e.Data).HazardId;
            if (!links.TryGetValue(hazardId, out var link)) continue;
            var hazard = await operations.LoadAsync<HazardView>(hazardId, cancellationToken);
            await bus.PublishAsync(new RequestRiskReassessment(link.RiskPointId, hazardId, hazard?.Description ?? "", e.Timestamp));
        }
        return SubscriptionMessages.NoChanges;
    }
}

/// <summary>
/// Appends the request to the risk point's stream unless this hazard already asked (the fold keeps every hazard that did);
/// the append expects the version it read, so two racing deliveries cannot both append — the loser retries and stops.
/// </summary>
public static class RequestRiskReassessmentHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.OnException<ConcurrencyException>().RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

    public static async Task Handle(RequestRiskReassessment message, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<RiskPointView>(message.RiskPointId, ct);
        if (stream.Aggregate is not { } point || point.ResidualHazardIds.Contains(message.HazardId)) return;
        stream.AppendOne(new RiskPointReassessmentRequested(point.Id, message.HazardId, message.HazardDescription, message.HazardClosedAt,
            point.Responsible, Actor.System));
    }
}

/// <summary>A risk point waiting for its re-assessment, with the closed hazards that asked for it.</summary>
public sealed record ReassessmentTodo(
    Guid RiskPointId, string Name, Guid? EnterpriseId, string? EnterpriseName, Guid TownId, RiskLevel Level, string Colour,
    RiskResponsible? Responsible, IReadOnlyList<ReassessmentRequest> Requests, long Version);

public static class ReassessmentTodosEndpoint
{
    /// <summary>
    /// Risk points in the caller's scope whose residual risk waits for a re-assessment (oldest request first);
    /// <c>mine=true</c>: only those the caller is responsible for. A point leaves the list with its next assessment.
    /// </summary>
    [Authorize]
    [WolverineGet("/api/risk-points/reassessments", OperationId = "SearchRiskReassessments")]
    public static async Task<PagedResult<ReassessmentTodo>> Get(bool? mine, Guid? enterpriseId, int? page, int? pageSize,
        ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var paging = Paging.From(page, pageSize);
        var query = session.Query<RiskPointView>().InScope(caller.Scope.Constraint,
            nameof(RiskPointView.EnterpriseId), nameof(RiskPointView.TownId), domain: nameof(RiskPointView.Domain)).Where(p => p.ReassessmentDue);
        if (mine == true) query = query.Where(p => p.Responsible!.UserId == caller.UserId);
        if (enterpriseId is { } e) query = query.Where(p => p.EnterpriseId == e);
        var list = await query.OrderBy(p => p.LastAssessedAt).ToPagedListAsync(paging, ct);
        return new PagedResult<ReassessmentTodo>([.. list.Select(p => new ReassessmentTodo(p.Id, p.Name, p.EnterpriseId, p.EnterpriseName, p.TownId,
            p.Level, p.Colour, p.Responsible, p.PendingReassessments, p.Version))], paging.Page, paging.PageSize, list.TotalItemCount);
    }
}
