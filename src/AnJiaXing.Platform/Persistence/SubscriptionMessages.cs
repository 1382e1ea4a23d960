using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Services;
using AnJiaXing.Platform.Tenancy;
using Wolverine;
using Wolverine.Runtime;

namespace AnJiaXing.Platform.Persistence;

/// <summary>
/// What a Marten subscription sends: it runs in the async daemon, outside any Wolverine handler, so its messages go
/// through a message context of their own; and it changes nothing after its batch commits.
/// </summary>
public static class SubscriptionMessages
{
    /// <summary>
    /// A bus for a subscription's page of events. With town databases its messages belong to the database the page came
    /// from (Wolverine's tenant): their handlers open that database, and they are stored in it until handled.
    /// </summary>
    public static IMessageBus Bus(IServiceProvider services, IDocumentOperations operations) =>
        new MessageContext(services.GetRequiredService<IWolverineRuntime>())
        {
            TenantId = TownDatabases.TownOf(operations.Database) is { } town ? TownDatabases.TenantId(town) : null
        };

    /// <summary>
    /// The events of a page a subscription of a module living at <paramref name="home"/> acts on (ADR 0030). A town
    /// module's acts where an event was appended, never on a copy; a district module's acts in the district database,
    /// over every town's events, and nowhere else. With one database that is every event.
    /// </summary>
    public static IEnumerable<IEvent> EventsFor(this EventRange page, IDocumentOperations operations, ModuleHome home) =>
        page.Events.EventsFor(operations, home);

    /// <summary>The same for the events an inline projection with effects is given (the city feed's outbox).</summary>
    public static IEnumerable<IEvent> EventsFor(this IEnumerable<IEvent> events, IDocumentOperations operations, ModuleHome home) =>
        home == ModuleHome.Town
            ? events.Where(TownReplication.IsOriginal)
            : TownDatabases.IsDistrict(operations.Database) ? events : [];

    /// <summary>Schedules each message for its due time (durably: Wolverine's scheduled-message store).</summary>
    public static async Task<IChangeListener> ScheduleAsync<T>(IServiceProvider services, IDocumentOperations operations,
        IReadOnlyCollection<T> messages, Func<T, DateTimeOffset> dueAt)
        where T : notnull
    {
        if (messages.Count == 0) return NoChanges;
        var bus = Bus(services, operations);
        foreach (var message in messages) await bus.ScheduleAsync(message, dueAt(message));
        return NoChanges;
    }

    /// <summary>The change listener of a subscription with nothing to do after the daemon's commit.</summary>
    public static IChangeListener NoChanges { get; } = new Nothing();

    private sealed class Nothing : IChangeListener
    {
        public Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) => Task.CompletedTask;
        public Task BeforeCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) => Task.CompletedTask;
    }
}
