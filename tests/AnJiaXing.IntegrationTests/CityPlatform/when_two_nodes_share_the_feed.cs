using Alba;
using AnJiaXing.IntegrationTests.Hazards;

namespace AnJiaXing.IntegrationTests.CityPlatform;

/// <summary>Two nodes of the service (Wolverine balanced, not solo) on one database, a reliable but slow city.</summary>
public class TwoNodeCityFixture : CityFixture, IAsyncLifetime
{
    protected override bool SoloNode => false;
    public IAlbaHost Second { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Receiver.Faulty = false;
        Receiver.Delay = TimeSpan.FromMilliseconds(25);
        await base.InitializeAsync();
        Second = await StartHostAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Second.StopAsync();
        await Second.DisposeAsync();
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

public class when_two_nodes_share_the_feed(TwoNodeCityFixture app) : IClassFixture<TwoNodeCityFixture>
{
    [Fact]
    public async Task each_message_is_sent_once_though_both_nodes_run_the_sender()
    {
        var hazards = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals, description: $"双节点隐患 {i}：安全出口堵塞"));
            await app.Act("town.nanxiang", id, "assign", app.Assignment("ent.a2"));
            hazards.Add(id);
        }
        var expected = await app.HazardEventCount();
        await CityFixture.Eventually(async () => (await app.Deliveries()).Count == expected
            && (await app.Deliveries()).All(d => d.Status == CityDeliveryStatus.Delivered), $"{expected} messages");

        // The city never failed, so every message was sent exactly once, by one node or the other.
        Assert.Equal(expected, app.Receiver.HazardUnique.Count);
        Assert.Equal(expected, app.Receiver.HazardArrivals.Count);
        Assert.All(await app.Deliveries(), d => Assert.Equal(1, d.Attempts));
        foreach (var hazard in hazards)
            Assert.Equal([1L, 2L], app.Receiver.HazardArrivals.Where(a => a.Subject == hazard).Select(a => a.Version));
    }
}
