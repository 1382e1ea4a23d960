using System.Security.Cryptography;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Wolverine;

namespace AnJiaXing.IntegrationTests.Statistics;

/// <summary>
/// The statistics data set, plus a second instance of the service on a real loopback port (Kestrel on
/// 127.0.0.1, any free port) over the same database, for a browser. It only reads: no demo seeding, and its
/// daemon is never asked to start. It shares the fixture's clock, so overdue figures agree.
/// </summary>
public class DashboardFixture : StatisticsFixture, IAsyncLifetime
{
    private WebApplicationFactory<Program>? _web;

    public string BaseUrl { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _web = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:AnJiaXing", ConnectionString);
            builder.UseSetting("AnJiaXing:DemoData", "false");
            builder.UseSetting("AnJiaXing:Auth:SigningKey", signingKey);
            builder.UseSetting("AnJiaXing:DataFolder", Path.Combine(Path.GetTempPath(), "anjiaxing-test-data"));
            builder.ConfigureServices(services =>
            {
                services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
                services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            });
        });
        _web.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        _web.StartServer();
        var addresses = _web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().TrimEnd('/');
    }

    public new async Task DisposeAsync()
    {
        if (_web is not null) await _web.DisposeAsync();
        await base.DisposeAsync();
    }
}
