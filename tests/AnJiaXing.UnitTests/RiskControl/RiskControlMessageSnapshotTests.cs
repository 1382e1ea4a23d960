using Newtonsoft.Json.Linq;
using Snapshooter.Xunit;
using AnJiaXing.UnitTests.Contracts;

namespace AnJiaXing.UnitTests.RiskControl;

/// <summary>The message Risk control sends to Hazards through the durable inbox: its shape is a contract too.</summary>
public class RiskControlMessageSnapshotTests
{
    [Fact]
    public void raise_hazard_from_patrol_keeps_its_json_shape() =>
        Snapshot.Match(JToken.Parse(ContractDiscovery.EventSerializer.ToJson(RiskControlSamples.RaiseHazard())));

    [Fact]
    public void patrol_window_closes_keeps_its_json_shape() =>
        Snapshot.Match(JToken.Parse(ContractDiscovery.EventSerializer.ToJson(RiskControlSamples.WindowCloses())));

    [Fact]
    public void request_risk_reassessment_keeps_its_json_shape() =>
        Snapshot.Match(JToken.Parse(ContractDiscovery.EventSerializer.ToJson(RiskControlSamples.Reassessment())));

    [Fact]
    public void the_hazard_of_an_abnormal_item_is_the_same_on_every_delivery()
    {
        var a = RecordPatrolEndpoint.PatrolHazardId(RiskControlSamples.PatrolId, "消防通道");
        Assert.Equal(a, RecordPatrolEndpoint.PatrolHazardId(RiskControlSamples.PatrolId, "消防通道"));
        Assert.NotEqual(a, RecordPatrolEndpoint.PatrolHazardId(RiskControlSamples.PatrolId, "可燃气体报警器"));
        Assert.NotEqual(a, RecordPatrolEndpoint.PatrolHazardId(Guid.CreateVersion7(), "消防通道"));
    }
}
