using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace AnJiaXing.CityPlatform.Feed;

/// <summary>
/// The feed's outbox: an inline projection, so each hazard event's <see cref="CityDelivery"/> is written in the very
/// transaction that appends the event (a committed change always has its message; a rolled-back one never does). The
/// delivery's id is the event's id, so a message is the same on every attempt and the receiver dedupes by it.
/// </summary>
public sealed class CityFeedProjection : IProjection
{
    public const string Name = "CityFeed";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var states = new Dictionary<Guid, CityHazardState>();
        var now = DateTimeOffset.UtcNow;
        // With town databases the feed is the district's (ADR 0030): it sees each town's events as their copies arrive.
        foreach (var e in events.EventsFor(operations, AnJiaXing.Platform.Tenancy.ModuleHome.District))
        {
            if (e.Data is not IHazardEvent change)
            {
                if (OperationsFeedMessages.From(e, now) is { } other) operations.Store(other);
                continue;
            }
            if (!states.TryGetValue(change.HazardId, out var state))
            {
                // A report starts the hazard's stream: there is no state to read yet (one round trip less per report).
                state = e.Data is HazardReported
                    ? new CityHazardState { Id = change.HazardId }
                    : await operations.LoadAsync<CityHazardState>(change.HazardId, cancellation) ?? new CityHazardState { Id = change.HazardId };
                states[change.HazardId] = state;
            }
            if (e.Data is HazardReported r) state.TownId = r.TownId;
            state.Status = HazardLifecycle.After(state.Status, e.Data);
            state.Level = HazardLifecycle.LevelAfter(state.Level, e.Data);
            state.Deadline = HazardLifecycle.DeadlineAfter(state.Deadline, e.Data);

            HazardReport? report = null;
            if (e.Data is HazardReported reported)
            {
                string? dispatchId = null;
                if (reported.Source == HazardSource.CityOpsDispatch)
                    dispatchId = (await operations.Query<CityDispatch>().Where(d => d.HazardId == reported.HazardId).FirstOrDefaultAsync(cancellation))?.Id;
                report = new HazardReport(reported.EnterpriseName, reported.TownName, reported.Domain, reported.Category, reported.Description,
                    reported.Location, reported.Source, reported.FoundAt, dispatchId);
            }
            var occurredAt = e.Timestamp == default ? now : e.Timestamp;
            var data = new HazardChangeData(change.HazardId, e.Version, HazardFeedMessages.ChangeOf(e.Data.GetType()), state.Status, state.Level,
                change.EnterpriseId, state.TownId, occurredAt, new FeedActor(change.By.Name, change.By.Role, change.By.OrganisationName),
                state.Deadline, report);
            operations.Store(new CityDelivery
            {
                Id = e.Id, HazardId = change.HazardId, EnterpriseId = change.EnterpriseId, TownId = state.TownId, Version = e.Version,
                Type = HazardFeedMessages.TypeOf(e.Data.GetType()), Body = HazardFeedMessages.Encode(e.Id, HazardFeedMessages.Source, data),
                Status = CityDeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now
            });
        }
        if (states.Count > 0) operations.Store(states.Values.ToArray());
    }
}
