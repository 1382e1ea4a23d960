using AnJiaXing.UnitTests.Hazards;
using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit;

namespace AnJiaXing.UnitTests.Contracts;

/// <summary>
/// Pins the stored JSON of every event type (ADR 0009: every event is a contract, and the ledger hashes all of them),
/// serialized by the very serializer the application's Marten store options produce. Snapshots are named by the
/// event's short type name, so moving types between namespaces or projects changes nothing. Hazard events keep their
/// older snapshots in <see cref="HazardContractSnapshotTests"/>.
/// </summary>
public class EventContractSnapshotTests
{
    private static readonly Dictionary<string, object> Samples = EventSamples.EveryNonHazardEvent().ToDictionary(e => e.GetType().Name);

    public static IEnumerable<object[]> EventNames() => Samples.Keys.Order(StringComparer.Ordinal).Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(EventNames))]
    public void every_event_keeps_its_json_shape(string eventType)
    {
        Snapshot.Match(JToken.Parse(ContractDiscovery.EventSerializer.ToJson(Samples[eventType])), new SnapshotNameExtension(eventType));
    }

    /// <summary>
    /// Completeness. Marten learns most event types lazily (at the first append or when a projection starts), and
    /// audit records are appended without any aggregate folding them, so neither the store options nor a running
    /// host's <c>AllKnownEventTypes()</c> would see an event nobody has appended yet. Instead the application
    /// assemblies are searched (see <see cref="ContractDiscovery.EventTypes"/>): <c>IEvent&lt;T&gt;</c> in any
    /// signature, actor-carrying parameters of Apply/Create methods, and actor-carrying objects constructed in
    /// methods that append to the event store. A new event type, folded or only appended, fails here until
    /// <see cref="EventSamples"/> has a sample of it.
    /// </summary>
    [Fact]
    public void every_event_type_has_a_sample()
    {
        var sampled = EventSamples.All().Select(e => e.GetType()).ToHashSet();
        var missing = ContractDiscovery.EventTypes().Where(t => !sampled.Contains(t)).Select(t => t.FullName).Order().ToList();
        Assert.True(missing.Count == 0, "Event types without a sample in EventSamples (add one, then generate its snapshot): " + string.Join(", ", missing));
    }

    /// <summary>The other direction: every sample is an event the discovery finds, so the discovery itself is checked on every run.</summary>
    [Fact]
    public void every_sample_is_a_discovered_event_type_and_each_type_is_sampled_once()
    {
        var discovered = ContractDiscovery.EventTypes().ToHashSet();
        var samples = EventSamples.All().Select(e => e.GetType()).ToList();
        Assert.Empty(samples.Where(t => !discovered.Contains(t)).Select(t => t.Name));
        Assert.Empty(samples.GroupBy(t => t).Where(g => g.Count() > 1).Select(g => g.Key.Name));
        // Marten names an event by its short type name: two events with one short name would share a stored type.
        Assert.Empty(discovered.GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key));
    }
}
