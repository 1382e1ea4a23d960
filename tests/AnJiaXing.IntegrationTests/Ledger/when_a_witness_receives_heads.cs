using System.Collections.Concurrent;
using System.Text.Json;
using AnJiaXing.IntegrationTests.Hazards;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AnJiaXing.IntegrationTests.Ledger;

/// <summary>A real HTTP listener on a loopback port plays the witness; the service is configured with its URL.</summary>
public class WitnessFixture : HazardFixture
{
    private WebApplication? _witness;
    private string _url = "";

    public ConcurrentQueue<JsonElement> Received { get; } = new();

    protected override void Configure(IWebHostBuilder builder)
    {
        base.Configure(builder);
        builder.UseSetting("AnJiaXing:Ledger:WitnessUrl", _url);
    }

    public override async Task InitializeAsync()
    {
        var witness = WebApplication.CreateSlimBuilder();
        witness.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        _witness = witness.Build();
        _witness.MapPost("/heads", async (HttpRequest request) =>
        {
            Received.Enqueue(await JsonSerializer.DeserializeAsync<JsonElement>(request.Body));
            return Results.Ok();
        });
        await _witness.StartAsync();
        _url = _witness.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/heads";
        await base.InitializeAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_witness is not null) await _witness.DisposeAsync();
    }
}

public class when_a_witness_receives_heads(WitnessFixture app) : IClassFixture<WitnessFixture>
{
    [Fact]
    public async Task every_sealed_head_reaches_the_witness_which_can_check_its_consistency()
    {
        await app.HazardWithThreeEvents();
        var first = await app.Seal();
        await app.HazardWithThreeEvents();
        var second = await app.Seal();

        JsonElement Received(JsonElement head) =>
            Assert.Single(app.Received, r => r.GetProperty("id").GetInt64() == head.GetProperty("id").GetInt64());
        var older = Received(first);
        var newer = Received(second);
        Assert.Equal(second.GetProperty("signature").GetString(), newer.GetProperty("signature").GetString());
        Assert.Equal(second.GetProperty("logRoot").GetString(), newer.GetProperty("logRoot").GetString());

        // What a witness does with what it received alone: the signature, and the new head extending the one it holds.
        var payload = StoredDigest.HeadPayload(newer.GetProperty("coveredSequence").GetInt64(), newer.GetProperty("streamCount").GetInt64(),
            newer.GetProperty("eventCount").GetInt64(), newer.GetProperty("root").GetString()!, newer.GetProperty("logRoot").GetString()!,
            newer.GetProperty("createdAt").GetDateTimeOffset());
        Assert.True(LedgerSigningKey.Verify(newer.GetProperty("publicKey").GetString()!, payload, newer.GetProperty("signature").GetString()!));
        var heads = app.Received.OrderBy(r => r.GetProperty("id").GetInt64()).ToList();
        for (var i = 1; i < heads.Count; i++)
        {
            var (a, b) = (heads[i - 1], heads[i]);
            var proof = b.GetProperty("consistencyProof").GetString() is { Length: > 0 } p ? p.Split(',').Select(Convert.FromHexString).ToList() : [];
            Assert.True(MerkleLog.VerifyConsistency(a.GetProperty("eventCount").GetInt64(), b.GetProperty("eventCount").GetInt64(),
                Convert.FromHexString(a.GetProperty("logRoot").GetString()!), Convert.FromHexString(b.GetProperty("logRoot").GetString()!), proof),
                $"head {b.GetProperty("id")} from {a.GetProperty("id")}");
        }
        Assert.True(older.GetProperty("id").GetInt64() < newer.GetProperty("id").GetInt64());
    }
}
