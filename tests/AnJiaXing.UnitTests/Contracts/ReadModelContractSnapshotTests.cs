using System.Text.Json;
using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit;

namespace AnJiaXing.UnitTests.Contracts;

/// <summary>
/// Pins the JSON of every HTTP answer, serialized with the application's HTTP options (ASP.NET web defaults plus
/// <c>AnJiaXingHost.ConfigureJson</c>). Snapshots are named by the body's short type name.
/// </summary>
public class ReadModelContractSnapshotTests
{
    private static readonly IReadOnlyDictionary<string, object> Samples = ReadModelSamples.All();

    public static IEnumerable<object[]> BodyNames() => Samples.Keys.Order(StringComparer.Ordinal).Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(BodyNames))]
    public void every_answer_keeps_its_json_shape(string body)
    {
        var sample = Samples[body];
        Snapshot.Match(JToken.Parse(JsonSerializer.Serialize(sample, sample.GetType(), ContractDiscovery.HttpJson)), new SnapshotNameExtension(body));
    }

    /// <summary>
    /// Every body type an endpoint declares (found by reflection over the Wolverine endpoint attributes, unwrapped from
    /// Task, lists and envelopes), plus the bodies of IResult endpoints, is pinned here or by a named snapshot elsewhere.
    /// </summary>
    [Fact]
    public void every_answer_has_a_sample()
    {
        var declared = ContractDiscovery.ResponseTypes().Concat(ReadModelSamples.ResultBodies).Select(ContractDiscovery.ShortName).Distinct().ToList();
        Assert.True(declared.Count > 20, "The endpoint discovery found too little: " + string.Join(", ", declared));
        var missing = declared.Where(n => !Samples.ContainsKey(n) && !ReadModelSamples.PinnedElsewhere.ContainsKey(n)).Order().ToList();
        Assert.True(missing.Count == 0, "HTTP bodies without a sample in ReadModelSamples: " + string.Join(", ", missing));
    }

    [Fact]
    public void every_sample_is_keyed_by_its_type_and_not_pinned_twice()
    {
        foreach (var (key, sample) in Samples) Assert.Equal(key, ContractDiscovery.ShortName(sample.GetType()));
        Assert.Empty(Samples.Keys.Intersect(ReadModelSamples.PinnedElsewhere.Keys));
    }
}
