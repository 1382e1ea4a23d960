using AnJiaXing.Platform.Persistence;
using JasperFx;
using JasperFx.Core;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Services;
using Marten.Subscriptions;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime;
using Wolverine.Runtime.Handlers;

namespace AnJiaXing.Hazards.Supervision;

/// <summary>
/// Every deadline a hazard gets (assigned or extended) schedules its overdue escalations as durable Wolverine scheduled
/// messages (ADR 0025): the town's at the deadline, the department's some days later. Follows the ledger on the async
/// daemon, so a command never waits for it; a replay schedules again, which is harmless (the handler appends once).
/// </summary>
public sealed class OverdueSupervisionSubscription : SubscriptionBase
{
    public const string SubscriptionTitle = "OverdueSupervision";
    private readonly IServiceProvider _services;

    public OverdueSupervisionSubscription(IServiceProvider services)
    {
        _services = services;
        Name = SubscriptionTitle;
        IncludeType<RectificationAssigned>();
        IncludeType<DeadlineExtended>();
    }

    public static IEnumerable<OverdueEscalationDue> Schedule(Guid hazardId, DateTimeOffset deadline, TimeSpan departmentDelay) =>
    [
        new(hazardId, deadline, SupervisionTier.Town, deadline),
        new(hazardId, deadline, SupervisionTier.Department, deadline + departmentDelay)
    ];

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations,
        CancellationToken cancellationToken)
    {
        var delay = _services.GetRequiredService<IOptions<OverdueSupervisionOptions>>().Value.DepartmentDelay;
        var due = new List<OverdueEscalationDue>();
        foreach (var e in page.EventsFor(operations, AnJiaXing.Platform.Tenancy.ModuleHome.Town))
        {
            if (e.Data is RectificationAssigned a) due.AddRange(Schedule(a.HazardId, a.Deadline, delay));
            else if (e.Data is DeadlineExtended d) due.AddRange(Schedule(d.HazardId, d.NewDeadline, delay));
        }
        return await SubscriptionMessages.ScheduleAsync(_services, operations, due, m => m.DueAt);
    }
}

/// <summary>
/// An overdue escalation fell due: the hazard decides (<see cref="Hazard.EscalateOverdue"/>) by the service's clock, so
/// a redelivered or late message appends nothing twice; early by that clock it waits again. Two deliveries racing on the
/// stream version: the loser retries and finds the escalation there.
/// </summary>
public static class OverdueEscalationHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.OnException<ConcurrencyException>().RetryWithCooldown(50.Milliseconds(), 200.Milliseconds(), 500.Milliseconds());

    public static async Task Handle(OverdueEscalationDue due, IDocumentSession session, IMessageContext context, TimeProvider clock,
        IOptions<OverdueSupervisionOptions> options, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now < due.DueAt)
        {
            await context.ScheduleAsync(due, due.DueAt);
            return;
        }
        var stream = await session.Events.FetchForWriting<Hazard>(due.HazardId, ct);
        if (stream.Aggregate is not { } hazard) return;
        var events = hazard.EscalateOverdue(due.Deadline, now, options.Value.DepartmentDelay);
        if (events.Count > 0) stream.AppendMany(events);
    }
}
