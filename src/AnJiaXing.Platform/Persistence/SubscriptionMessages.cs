using Marten;
using Marten.Services;
using Wolverine;
using Wolverine.Runtime;

namespace AnJiaXing.Platform.Persistence;

/// <summary>
/// What a Marten subscription sends: it runs in the async daemon, outside any Wolverine handler, so its messages go
/// through a message context of their own; and it changes nothing after its batch commits.
/// </summary>
public static class SubscriptionMessages
{
    /// <summary>A bus for a subscription's page of events.</summary>
    public static IMessageBus Bus(IServiceProvider services) => new MessageContext(services.GetRequiredService<IWolverineRuntime>());

    /// <summary>Schedules each message for its due time (durably: Wolverine's scheduled-message store).</summary>
    public static async Task<IChangeListener> ScheduleAsync<T>(IServiceProvider services, IReadOnlyCollection<T> messages, Func<T, DateTimeOffset> dueAt)
        where T : notnull
    {
        if (messages.Count == 0) return NoChanges;
        var bus = Bus(services);
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
