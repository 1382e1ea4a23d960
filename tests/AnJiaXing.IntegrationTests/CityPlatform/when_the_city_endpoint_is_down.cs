using Alba;
using AnJiaXing.IntegrationTests.Hazards;
using AnJiaXing.IntegrationTests.Infrastructure;

namespace AnJiaXing.IntegrationTests.CityPlatform;

/// <summary>The receiver refuses everything and a message is dead-lettered after three attempts.</summary>
public class DownCityFixture : CityFixture
{
    protected override int MaxAttempts => 3;

    public override async Task InitializeAsync()
    {
        Receiver.Down = true;
        await base.InitializeAsync();
    }
}

public class when_the_city_endpoint_is_down(DownCityFixture app) : IClassFixture<DownCityFixture>
{
    [Fact]
    public async Task a_message_is_dead_lettered_after_n_failures_its_hazard_waits_and_a_resend_delivers_in_order()
    {
        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        await app.Act("town.nanxiang", id, "assign", app.Assignment("ent.a2"));

        await CityFixture.Eventually(async () => (await app.Deliveries()).Any(d => d.HazardId == id && d.Status == CityDeliveryStatus.Failed), "the dead letter");
        var mine = (await app.Deliveries()).Where(d => d.HazardId == id).OrderBy(d => d.Version).ToList();
        Assert.Equal(CityDeliveryStatus.Failed, mine[0].Status);
        Assert.Equal(3, mine[0].Attempts);
        Assert.Equal("HTTP 503", mine[0].LastError);
        Assert.Equal(CityDeliveryStatus.Pending, mine[1].Status); // waits behind the dead letter: order per hazard
        Assert.Equal(0, mine[1].Attempts);
        Assert.Empty(app.Receiver.Unique);

        var failed = (await app.As("district.admin", s => s.Get.Url($"/api/integration/city/deliveries?status=Failed&hazardId={id}"))).Json();
        Assert.Equal(mine[0].Id, failed.GetProperty("items")[0].GetProperty("id").GetGuid());

        app.Receiver.Down = false;
        var resent = (await app.As("district.admin", s => s.Post.Json(new { }).ToUrl($"/api/integration/city/deliveries/{mine[0].Id}/resend"))).Json();
        Assert.Equal("Pending", resent.GetProperty("status").GetString());
        await CityFixture.Eventually(async () => (await app.Deliveries()).Where(d => d.HazardId == id).All(d => d.Status == CityDeliveryStatus.Delivered), "the resend");
        Assert.Equal([1L, 2L], app.Receiver.FirstArrivalsOf(id).Select(a => a.Version));
        (await app.As("district.admin", s => { s.Post.Json(new { }).ToUrl($"/api/integration/city/deliveries/{Guid.NewGuid()}/resend"); s.StatusCodeShouldBe(404); })).ShouldBeProblem(404);
    }
}

/// <summary>No feed configured: the messages wait as Pending, nothing is sent and nothing fails.</summary>
public class when_no_city_feed_is_configured(HazardFixture app) : IClassFixture<HazardFixture>
{
    [Fact]
    public async Task changes_wait_as_pending_and_nothing_fails()
    {
        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        await Task.Delay(500);
        var listed = (await app.As("district.admin", s => s.Get.Url($"/api/integration/city/deliveries?hazardId={id}"))).Json();
        Assert.Equal(1, listed.GetProperty("total").GetInt64());
        var only = listed.GetProperty("items")[0];
        Assert.Equal("Pending", only.GetProperty("status").GetString());
        Assert.Equal(0, only.GetProperty("attempts").GetInt32());
        // Dispatches are refused without a shared secret.
        await app.Host.Scenario(s =>
        {
            s.Post.Text("{}").ToUrl("/api/integration/city/dispatches");
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithRequestHeader(Signature.Header, Signature.Of("{}"u8, ""));
            s.StatusCodeShouldBe(401);
        });
    }
}
