using Marten.Services;
using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit;
using Weasel.Core;

namespace AnJiaXing.UnitTests.Hazards;

/// <summary>
/// Pins the stored JSON of every hazard event and of <see cref="HazardView"/>, serialized exactly as the event store
/// does. A change here is a change of a shipped contract: see docs/adr (event evolution) before accepting it.
/// </summary>
public class HazardContractSnapshotTests
{
    private static readonly Marten.Services.SystemTextJsonSerializer Serializer = new() { EnumStorage = EnumStorage.AsString, Casing = Casing.CamelCase };

    public static IEnumerable<object[]> Events() => HazardSamples.EveryEvent().Select(e => new[] { e });

    [Theory]
    [MemberData(nameof(Events))]
    public void every_event_keeps_its_json_shape(object @event)
    {
        Snapshot.Match(JToken.Parse(Serializer.ToJson(@event)), new SnapshotNameExtension(@event.GetType().Name));
    }

    [Fact]
    public void the_hazard_view_keeps_its_json_shape()
    {
        var s = HazardSamples.EveryEvent().ToList();
        var view = HazardSamples.View(
            HazardSamples.Reported(HazardLevel.Major, HazardSamples.Inspector), s[1], s[6], s[7], s[8], s[9], s[11], s[9], s[10], s[12], s[14], s[9], s[10], s[12], s[13], s[15]);
        Assert.Equal(HazardStatus.Closed, view.Status);
        Snapshot.Match(JToken.Parse(Serializer.ToJson(view)));
    }
}
