using Marten;
using Marten.Events;

namespace AnJiaXing.Statistics;

/// <summary>
/// Time travel for the statistics: a scope's <see cref="ScopeStatistics"/> as it stood at an instant, folded from the
/// statistics events recorded before it by the projection's own <see cref="StatisticsFold"/>, so it is what the live
/// document was at that instant. It reads the events up to the instant (one indexed range read), so it serves the rare
/// report as of a past date (the monthly export), not the dashboard.
/// </summary>
public static class StatisticsAsOf
{
    public static async Task<ScopeStatistics> LoadAsync(StatisticsScope scope, DateTimeOffset end, IQuerySession session, CancellationToken ct)
    {
        var before = end.ToUniversalTime(); // timestamptz parameters must be UTC
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Timestamp < before)
            .Where(e => e.EventTypesAre(ScopeStatisticsProjection.EventTypes))
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        var fold = new StatisticsFold(new(), new(), new());
        foreach (var e in events) fold.Apply(e);
        var documents = new Dictionary<string, ScopeStatistics>();
        StatisticsFold.Count(fold.Steps(), documents);
        var parts = scope.DocumentIds.Select(id => documents.GetValueOrDefault(id) ?? new ScopeStatistics { Id = id }).ToList();
        return parts.Count == 1 ? parts[0] : ScopeStatisticsSum.Of(parts);
    }
}

/// <summary>A clock stopped at one instant: the "now" of a report as of a past date.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
