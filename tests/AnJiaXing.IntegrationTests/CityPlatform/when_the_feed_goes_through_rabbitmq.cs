using System.Text;
using System.Text.Json;
using AnJiaXing.IntegrationTests.Hazards;
using Microsoft.AspNetCore.Hosting;
using RabbitMQ.Client;

namespace AnJiaXing.IntegrationTests.CityPlatform;

/// <summary>The feed configured for RabbitMQ (a throwaway rabbitmq-server) instead of HTTP; the HTTP receiver is not used.</summary>
public class RabbitMqCityFixture : CityFixture, IAsyncLifetime
{
    public const string Queue = "city-feed-test";
    public RabbitMqBroker? Broker { get; private set; }

    public override async Task InitializeAsync()
    {
        if (File.Exists(RabbitMqBroker.Server)) Broker = await RabbitMqBroker.StartAsync();
        await base.InitializeAsync();
    }

    protected override void Configure(IWebHostBuilder builder)
    {
        base.Configure(builder);
        if (Broker is not null) builder.UseSetting("AnJiaXing:City:RabbitMq", Broker.Uri);
        builder.UseSetting("AnJiaXing:City:RabbitMqQueue", Queue);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
        if (Broker is not null) await Broker.DisposeAsync();
    }
}

public class when_the_feed_goes_through_rabbitmq(RabbitMqCityFixture app) : IClassFixture<RabbitMqCityFixture>
{
    [RabbitMqFact]
    public async Task every_hazard_change_is_published_to_the_queue_signed_once_and_in_order()
    {
        var hazards = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals, description: $"经消息队列的隐患 {i}"));
            await app.Act("town.nanxiang", id, "assign", app.Assignment("ent.a2"));
            hazards.Add(id);
        }
        var expected = await app.HazardEventCount();
        await CityFixture.Eventually(async () => (await app.Deliveries()).All(d => d.Status == CityDeliveryStatus.Delivered), $"{expected} messages confirmed");

        // The city's side: consume the queue.
        await using var connection = await new ConnectionFactory { Uri = new Uri(app.Broker!.Uri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var messages = new List<(string Id, Guid Subject, long Version, string Body)>();
        while (await channel.BasicGetAsync(RabbitMqCityFixture.Queue, autoAck: true) is { } got)
        {
            var body = got.Body.ToArray();
            var signature = Encoding.UTF8.GetString((byte[])got.BasicProperties.Headers![Signature.Header]!);
            Assert.True(Signature.Matches(signature, body, CityFixture.Secret), "signed like the HTTP feed");
            Assert.StartsWith("application/cloudevents+json", got.BasicProperties.ContentType);
            Assert.True(got.BasicProperties.Persistent);
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            Assert.Equal(root.GetProperty("id").GetString(), got.BasicProperties.MessageId);
            if (!root.GetProperty("type").GetString()!.StartsWith(HazardFeedMessages.TypePrefix, StringComparison.Ordinal)) continue;
            messages.Add((root.GetProperty("id").GetString()!, Guid.Parse(root.GetProperty("subject").GetString()!),
                root.GetProperty("hazardversion").GetInt64(), Encoding.UTF8.GetString(body)));
            FeedSchemas.AssertValid(Encoding.UTF8.GetString(body));
        }
        var deliveries = await app.Deliveries();
        Assert.Equal(expected, messages.Count);
        Assert.Equal(deliveries.Select(d => d.Id.ToString()).Order(), messages.Select(m => m.Id).Order());
        foreach (var hazard in hazards)
            Assert.Equal([1L, 2L], messages.Where(m => m.Subject == hazard).Select(m => m.Version));
        Assert.Empty(app.Receiver.Arrivals); // nothing went over HTTP
    }
}
