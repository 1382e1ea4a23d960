using System.Text.Json;
using AnJiaXing.IntegrationTests.Hazards;
using Marten;

namespace AnJiaXing.IntegrationTests.CityPlatform;

/// <summary>A slow, faulty city: deliveries are still in flight when the service stops.</summary>
public class RestartCityFixture : CityFixture
{
    public override async Task InitializeAsync()
    {
        Receiver.Delay = TimeSpan.FromMilliseconds(60);
        await base.InitializeAsync();
    }
}

public class when_the_service_restarts_mid_feed(RestartCityFixture app) : IClassFixture<RestartCityFixture>
{
    [Fact]
    public async Task a_new_host_on_the_same_database_sends_the_rest_and_nothing_is_lost_doubled_or_reordered()
    {
        var hazards = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals, description: $"重启前隐患 {i}：消防器材过期"));
            await app.Act("town.nanxiang", id, "assign", app.Assignment("ent.a2"));
            hazards.Add(id);
        }
        // A dispatch just before the stop: its hazard command sits in the durable queue, its feed message in the outbox.
        await app.Dispatch(JsonSerializer.Serialize(new { dispatchId = "JD-2026-RS1", creditCode = "91310114MA1GT1234A", description = "重启前派单" }), 202);

        // Stop in the middle: some messages arrived, others wait, one is probably on the wire.
        await CityFixture.Eventually(() => Task.FromResult(app.Receiver.HazardUnique.Count >= 3), "the first deliveries");
        var beforeStop = app.Receiver.HazardUnique.Count;
        var owed = await app.HazardEventCount();
        Assert.True(beforeStop < owed, $"the restart should come mid-feed ({beforeStop} of {owed} arrived)");

        await app.RestartAsync();
        var takenWhileDown = app.Receiver.HazardUnique.Count;

        // The new host goes on where the old one stopped, and takes new changes.
        foreach (var id in hazards)
            await app.Act("ent.a2", id, "rectification", new { description = "已更换灭火器", evidenceIds = Array.Empty<Guid>() });
        var dispatched = ReceiveDispatchEndpoint.HazardIdOf("JD-2026-RS1");
        await CityFixture.Eventually(async () => await app.EventCount(dispatched) > 0, "the dispatched hazard after the restart");

        var expected = await app.HazardEventCount();
        await CityFixture.Eventually(async () => app.Receiver.HazardUnique.Count >= expected
            && (await app.Deliveries()).All(d => d.Status == CityDeliveryStatus.Delivered), $"{expected} messages after the restart");

        var deliveries = await app.Deliveries();
        Assert.Equal(expected, deliveries.Count);
        Assert.True(app.Receiver.HazardUnique.Count > takenWhileDown, "the new host delivered what the old one had not");
        // Every message arrived; after dedupe by CloudEvents id none twice, and no change under two ids.
        Assert.Equal(deliveries.Select(d => d.Id.ToString()).Order(), app.Receiver.HazardUnique.Keys.Order());
        Assert.Equal(app.Receiver.HazardUnique.Count, app.Receiver.HazardUnique.Values.Select(a => (a.Subject, a.Version)).Distinct().Count());
        Assert.True(app.Receiver.HazardArrivals.Count > app.Receiver.HazardUnique.Count, "the faulty receiver made the sender send some twice");
        foreach (var hazard in hazards.Append(dispatched))
        {
            var first = app.Receiver.FirstArrivalsOf(hazard);
            Assert.Equal(Enumerable.Range(1, first.Count).Select(i => (long)i), first.Select(a => a.Version));
            var all = app.Receiver.HazardArrivals.Where(a => a.Subject == hazard).Select(a => a.Version).ToList();
            Assert.Equal(all.Order(), all);
        }
        Assert.Equal(3, app.Receiver.FirstArrivalsOf(hazards[0]).Count);
        await using var session = app.Store.QuerySession();
        Assert.Equal(1, await session.Events.QueryAllRawEvents().Where(e => e.StreamId == dispatched).CountAsync());
    }
}
