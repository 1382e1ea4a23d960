using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace AnJiaXing.Statistics;

/// <summary>
/// Marks, for every event of every stream, its actor as active on the event's district day. Upserting the same
/// row twice changes nothing, so the projection needs no reads, tolerates any batching and rebuilds to the same
/// rows. The actor is the <c>actorId</c> header the metadata listener stamps on every event; the system is no user.
/// </summary>
public sealed class AccountActivityProjection : IProjection
{
    public const string Name = "AccountActivity";

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var days = new Dictionary<string, AccountActiveDay>();
        foreach (var e in events)
        {
            if (!Guid.TryParse(e.GetHeader(EventMetadataListener.ActorIdHeader)?.ToString(), out var actor) || actor == Actor.System.Id) continue;
            var day = AccountActiveDay.DayNumber(StatisticsCalendar.DayOf(e.Timestamp));
            var id = $"{actor}:{day}";
            days.TryAdd(id, new AccountActiveDay { Id = id, AccountId = actor, Day = day });
        }
        if (days.Count > 0) operations.Store(days.Values.ToArray());
        return Task.CompletedTask;
    }
}
