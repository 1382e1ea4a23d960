using System.Text;
using System.Text.Json;
using AnJiaXing.UnitTests.Contracts;
using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit;
using static AnJiaXing.UnitTests.Hazards.HazardSamples;

namespace AnJiaXing.UnitTests.CityPlatform;

public class CityFeedTests
{
    [Theory]
    [InlineData(typeof(HazardReported), "reported")]
    [InlineData(typeof(HazardClosed), "closed")]
    [InlineData(typeof(RectificationSubmitted), "rectification-submitted")]
    [InlineData(typeof(ClosureApproved), "closure-approved")]
    [InlineData(typeof(RecheckerDesignated), "rechecker-designated")]
    public void a_change_is_named_in_kebab_case_and_versioned_in_its_type(Type eventType, string change)
    {
        Assert.Equal(change, HazardFeedMessages.ChangeOf(eventType));
        Assert.Equal($"cn.gov.jiading.anjiaxing.hazard.{change}.v1", HazardFeedMessages.TypeOf(eventType));
    }

    [Fact]
    public void every_hazard_event_has_a_type_the_schema_admits()
    {
        foreach (var t in HazardLifecycle.EventTypes)
            Assert.Matches(@"^cn\.gov\.jiading\.anjiaxing\.hazard\.[a-z]+(-[a-z]+)*\.v1$", HazardFeedMessages.TypeOf(t));
    }

    [Fact]
    public void the_signature_is_hmac_sha256_of_the_raw_body_in_lowercase_hex()
    {
        var body = "The quick brown fox jumps over the lazy dog"u8;
        Assert.Equal("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", Signature.Of(body, "key"));
        Assert.True(Signature.Matches("sha256=F7BC83F430538424B13298E6AA6FB143EF4D59A14946175997479DBC2D1A3CD8", body, "key"));
        Assert.False(Signature.Matches(null, body, "key"));
        Assert.False(Signature.Matches("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", body, "key"));
        Assert.False(Signature.Matches(Signature.Of(body, "other"), body, "key"));
        Assert.False(Signature.Matches(Signature.Of(body, "key"), "The quick brown fox jumps over the lazy cat"u8, "key"));
    }

    [Fact]
    public void back_off_doubles_up_to_its_cap()
    {
        var o = new CityOptions { FirstBackoff = TimeSpan.FromSeconds(5), MaxBackoff = TimeSpan.FromMinutes(1) };
        Assert.Equal([5, 10, 20, 40, 60, 60], Enumerable.Range(1, 6).Select(n => o.BackoffAfter(n).TotalSeconds));
        Assert.Equal(TimeSpan.FromMinutes(1), o.BackoffAfter(1000));
    }

    [Fact]
    public void a_feed_needs_an_absolute_http_endpoint_and_a_secret()
    {
        Assert.False(new CityOptions().FeedConfigured);
        Assert.False(new CityOptions { Endpoint = "http://127.0.0.1:9/feed" }.FeedConfigured);
        Assert.False(new CityOptions { Endpoint = "ftp://city/feed", Secret = "s" }.FeedConfigured);
        Assert.True(new CityOptions { Endpoint = "https://city.example/feed", Secret = "s" }.FeedConfigured);
    }

    /// <summary>The wire format the city parses: pinned, so a change to it is a deliberate (and additive) one.</summary>
    [Fact]
    public void the_cloud_event_of_a_report_keeps_its_shape()
    {
        var data = new HazardChangeData(HazardId, 1, "reported", HazardStatus.Reported, HazardLevel.General, EnterpriseId, TownId, T0,
            new FeedActor("一网统管", Role.DistrictAdmin, "城市运行管理平台（一网统管）"), null,
            new HazardReport("南翔化工有限公司", "南翔镇", IndustryDomain.HazardousChemicals, HazardCategory.Fire, "一网统管派单 JD-2026-0001：仓库门口堆放易燃物",
                null, HazardSource.CityOpsDispatch, T0, "JD-2026-0001"));
        var body = HazardFeedMessages.Encode(Guid.Parse("01930000-0000-7000-8000-000000002001"), HazardFeedMessages.Source, data);
        Snapshot.Match(JToken.Parse(body));
    }

    [Fact]
    public void the_dispatch_message_to_the_hazards_module_keeps_its_shape()
    {
        var message = new RaiseHazardFromDispatch("JD-2026-0001", HazardId, EnterpriseId, HazardLevel.General, HazardCategory.Fire,
            "一网统管派单 JD-2026-0001：仓库门口堆放易燃物", "仓库门口", T0);
        Snapshot.Match(JToken.Parse(JsonSerializer.Serialize(message, ContractDiscovery.HttpJson)));
        Assert.Equal(message, JsonSerializer.Deserialize<RaiseHazardFromDispatch>(JsonSerializer.Serialize(message, ContractDiscovery.HttpJson), ContractDiscovery.HttpJson));
    }

    [Fact]
    public void a_dispatch_always_means_the_same_hazard() =>
        Assert.Equal(ReceiveDispatchEndpoint.HazardIdOf("JD-1"), ReceiveDispatchEndpoint.HazardIdOf("JD-1"));

    /// <summary>The other messages of the feed, pinned like the hazard change (their schemas are checked by the integration tests).</summary>
    [Fact]
    public void the_cloud_events_of_a_rejected_dispatch_an_alarm_an_incident_and_a_head_keep_their_shapes()
    {
        var by = new FeedActor("南翔镇安监 张明", Role.TownSupervisor, "南翔镇");
        var id = Guid.Parse("01930000-0000-7000-8000-000000002003");
        var rejected = HazardFeedMessages.EncodeEvent(id, HazardFeedMessages.Source, DispatchFeedMessages.RejectedType, "JD-2026-0002", T0,
            "dispatch-rejected.v1.json", new DispatchRejectedData("JD-2026-0002", TownId, "经核查该地址为居民住宅，非辖区企业", T0, by));
        var alarm = HazardFeedMessages.EncodeEvent(id, HazardFeedMessages.Source, OperationsFeedMessages.AlarmPrefix + "raised.v1", HazardId.ToString(), T0,
            "alarm-change.v1.json", new AlarmChangeData(HazardId, 1, "raised", EnterpriseId, T0, by, null,
                new AlarmRaisedData("LT-101", "甲醇储罐区", "南翔化工有限公司", TownId, [IndustryDomain.HazardousChemicals], ThresholdLevel.High, 8, 8.6, "m", T0, id)));
        var incident = HazardFeedMessages.EncodeEvent(id, HazardFeedMessages.Source, OperationsFeedMessages.IncidentPrefix + "reported.v1", HazardId.ToString(), T0,
            "incident-change.v1.json", new IncidentChangeData(HazardId, 1, "reported", T0, by,
                new IncidentReportData(EnterpriseId, "南翔化工有限公司", TownId, "南翔镇", IncidentKind.Leak, T0, "罐区", 31.29, 121.32, "储罐阀门泄漏"), null, 0, 1, null));
        var head = HazardFeedMessages.EncodeEvent(id, HazardFeedMessages.Source, OperationsFeedMessages.LedgerHeadType, "ledger-head/7", T0,
            "ledger-head.v1.json", new LedgerHeadData(7, 1042, 96, 1042, new string('a', 64), new string('b', 64), [new string('c', 64)], T0,
                "ECDSA P-256 SHA-256 (IEEE P1363, base64)", "k1", "MFkw", "c2ln", "anjiaxing-ledger-head/v2"));
        Snapshot.Match(new JArray(JToken.Parse(rejected), JToken.Parse(alarm), JToken.Parse(incident), JToken.Parse(head)));
    }
}
