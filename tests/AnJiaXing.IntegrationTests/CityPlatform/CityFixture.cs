using System.Text;
using Alba;
using AnJiaXing.IntegrationTests.Hazards;
using Marten;
using Microsoft.AspNetCore.Hosting;

namespace AnJiaXing.IntegrationTests.CityPlatform;

/// <summary>
/// The hazard fixture's district, wired to a <see cref="CityReceiver"/> on loopback with fast retries. It runs on the real
/// clock (the sender's back-off waits on it), not the hazard fixture's fake one.
/// </summary>
public class CityFixture : HazardFixture, IAsyncLifetime
{
    public const string Secret = "city-shared-secret-for-tests";
    public CityReceiver Receiver { get; } = new(Secret);

    protected virtual int MaxAttempts => 30;

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("AnJiaXing:City:Endpoint", Receiver.Url);
        builder.UseSetting("AnJiaXing:City:Secret", Secret);
        builder.UseSetting("AnJiaXing:City:PollInterval", "00:00:00.050");
        builder.UseSetting("AnJiaXing:City:FirstBackoff", "00:00:00.020");
        builder.UseSetting("AnJiaXing:City:MaxBackoff", "00:00:00.200");
        builder.UseSetting("AnJiaXing:City:RequestTimeout", "00:00:05");
        builder.UseSetting("AnJiaXing:City:MaxAttempts", MaxAttempts.ToString());
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // At start the overdue supervision escalates the seeded hazards already past their deadline, each escalation a
        // hazard event the feed owes a message for: counts are taken once those have settled.
        await SettleAsync();
    }

    // Re-implemented so the receiver stops after the host (AppFixture.DisposeAsync is not virtual).
    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    /// <summary>POSTs a dispatch signed with <paramref name="secret"/> (null: unsigned) and expects <paramref name="status"/>.</summary>
    public Task<IScenarioResult> Dispatch(string body, int status, string? secret = Secret, string? signature = null) => Host.Scenario(s =>
    {
        s.Post.Text(body).ToUrl("/api/integration/city/dispatches");
        s.WithRequestHeader("Content-Type", "application/json");
        var header = signature ?? (secret is null ? null : Signature.Of(Encoding.UTF8.GetBytes(body), secret));
        if (header is not null) s.WithRequestHeader(Signature.Header, header);
        s.StatusCodeShouldBe(status);
    });

    /// <summary>Waits (bounded) until <paramref name="done"/> holds.</summary>
    public static async Task Eventually(Func<Task<bool>> done, string what, int seconds = 90)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await done())
        {
            if (DateTime.UtcNow > until) Assert.Fail($"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }

    /// <summary>How many hazard events the store holds: the feed owes one message for each.</summary>
    public async Task<long> HazardEventCount()
    {
        await using var session = Store.QuerySession();
        var ids = await session.Query<HazardView>().Select(h => h.Id).ToListAsync();
        long total = 0;
        foreach (var id in ids) total += (await session.Events.FetchStreamStateAsync(id))?.Version ?? 0;
        return total;
    }

    /// <summary>The feed's hazard changes (the heads the ledger seals every minute, alarms and the rest left out).</summary>
    public async Task<IReadOnlyList<CityDelivery>> Deliveries() =>
        (await AllDeliveries()).Where(d => d.Type.StartsWith(HazardFeedMessages.TypePrefix, StringComparison.Ordinal)).ToList();

    public async Task<IReadOnlyList<CityDelivery>> AllDeliveries()
    {
        await using var session = Store.QuerySession();
        return await session.Query<CityDelivery>().ToListAsync();
    }
}
