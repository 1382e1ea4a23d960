using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace AnJiaXing.Platform.Tenancy;

/// <summary>
/// Keeps the district database whole and every town's self-sufficient when towns have databases of their own (区级纳统,
/// ADR 0030). A Marten subscription, so it runs in each database's daemon, once, on the node Wolverine assigns it:
/// <list type="bullet">
/// <item>in a town's database it copies the town's own events to the district's, where the same projections build the
/// district's statistics, dashboard and searches over every town, and investigations find every signed event;</item>
/// <item>in the district's it copies the shared kernel (organisations, accounts, enterprises) and the shared content
/// (checklists, knowledge) into every town's, so a town's commands and scope checks never read the district database.</item>
/// </list>
/// A copy keeps the stream id and version, the event id, data, user, correlation, causation and headers, and adds
/// where it came from (<see cref="OriginHeader"/>, <see cref="OriginSequenceHeader"/>); copies are never copied again.
/// It appends at the stream's next version only: a page delivered again finds its events there and appends nothing.
/// </summary>
public sealed class TownReplication : SubscriptionBase
{
    public const string SubscriptionName = "TownReplication";
    public const string OriginHeader = "origin";
    public const string OriginSequenceHeader = "originSequence";

    private readonly IServiceProvider _services;

    public TownReplication(IServiceProvider services)
    {
        _services = services;
        Name = SubscriptionName;
    }

    /// <summary>An event appended where it is read, not a copy from another database.</summary>
    public static bool IsOriginal(IEvent e) => e.Headers is null || !e.Headers.ContainsKey(OriginHeader);

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken ct)
    {
        var store = _services.GetRequiredService<IDocumentStore>();
        var town = TownDatabases.TownOf(operations.Database);
        var events = town is null
            ? page.Events.Where(e => IsOriginal(e) && SharedEvents.Contains(e.Data.GetType())).ToList()
            : page.Events.Where(IsOriginal).ToList();
        if (events.Count == 0) return SubscriptionMessages.NoChanges;

        // The aggregate type of each stream the page starts, read once for every target.
        var started = await StatesAsync(operations, events.Where(e => e.Version == 1).Select(e => e.StreamId), ct);
        var types = started.ToDictionary(s => s.Key, s => s.Value?.AggregateType);
        if (town is { } t)
        {
            await using var district = store.LightweightSession();
            await CopyAsync(district, events, types, TownDatabases.TenantId(t), t, ct);
        }
        else
            foreach (var tenant in _services.GetRequiredService<TownDatabases>().Tenants)
            {
                await using var target = store.LightweightSession(tenant);
                await CopyAsync(target, events, types, TownDatabases.District, null, ct);
            }
        return SubscriptionMessages.NoChanges;
    }

    /// <summary>The shared kernel's events (every contract of a <see cref="ModuleHome.SharedKernel"/> module) and the shared content's.</summary>
    private HashSet<Type> SharedEvents => _shared ??= SharedEventTypes(_services.GetRequiredService<IReadOnlyList<IAnJiaXingModule>>());

    private HashSet<Type>? _shared;

    public static HashSet<Type> SharedEventTypes(IReadOnlyList<IAnJiaXingModule> modules) =>
    [
        .. modules.Where(m => m.Home == ModuleHome.SharedKernel)
            .SelectMany(m => m.GetType().Assembly.GetTypes().Where(t => t.Namespace?.EndsWith(".Contracts", StringComparison.Ordinal) == true)),
        .. modules.SelectMany(m => m.SharedEvents)
    ];

    /// <summary>The state of several streams in one round trip (null for a stream the database does not hold).</summary>
    private static async Task<Dictionary<Guid, StreamState?>> StatesAsync(IQuerySession session, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var distinct = ids.Distinct().ToList();
        if (distinct.Count == 0) return [];
        var batch = session.CreateBatchQuery();
        var pending = distinct.Select(id => (Id: id, State: batch.Events.FetchStreamState(id))).ToList();
        await batch.Execute(ct);
        var states = new Dictionary<Guid, StreamState?>();
        foreach (var (id, state) in pending) states[id] = await state;
        return states;
    }

    private static async Task CopyAsync(IDocumentSession target, IReadOnlyList<IEvent> events, IReadOnlyDictionary<Guid, Type?> types,
        string origin, Guid? homeTown, CancellationToken ct)
    {
        target.LastModifiedBy = Actor.System.Name;
        var states = await StatesAsync(target, events.Select(e => e.StreamId), ct);
        foreach (var stream in events.GroupBy(e => e.StreamId))
        {
            var current = states[stream.Key]?.Version ?? 0;
            var missing = stream.Where(e => e.Version > current).OrderBy(e => e.Version).ToList();
            if (missing.Count == 0) continue;
            if (missing[0].Version != current + 1)
                throw new InvalidOperationException(
                    $"Town replication: stream {stream.Key} is at version {current} in the target, the next copy is version {missing[0].Version}.");

            var data = missing.Select(e => e.Data).ToArray();
            StreamAction action;
            if (current == 0)
            {
                action = types.GetValueOrDefault(stream.Key) is { } type
                    ? target.Events.StartStream(type, stream.Key, data)
                    : target.Events.StartStream(stream.Key, data);
                if (homeTown is { } town) target.Store(new StreamHome { Id = stream.Key, Town = town });
            }
            else action = target.Events.Append(stream.Key, missing[^1].Version, data);

            for (var i = 0; i < missing.Count; i++)
            {
                var (from, to) = (missing[i], action.Events[i]);
                to.Id = from.Id;
                to.UserName = from.UserName;
                to.CorrelationId = from.CorrelationId;
                to.CausationId = from.CausationId;
                if (from.Headers is { } headers)
                    foreach (var (key, value) in headers) to.SetHeader(key, value);
                to.SetHeader(OriginHeader, origin);
                to.SetHeader(OriginSequenceHeader, from.Sequence);
            }
        }
        await target.SaveChangesAsync(ct);
    }
}
