using System.Collections.Concurrent;
using System.Security.Cryptography;
using Alba;
using JasperFx.CommandLine;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace AnJiaXing.IntegrationTests.Infrastructure;

/// <summary>
/// One application host per test class, on a database of its own, seeded with the demo district.
/// Tests in a class share it; classes run in parallel.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Task<string>> _tokens = new();

    public IAlbaHost Host { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";

    /// <summary>Where this class's host exports its signed ledger heads.</summary>
    public string ExportFolder { get; private set; } = "";
    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>Extra configuration for a class's host.</summary>
    protected virtual void Configure(IWebHostBuilder builder) { }

    /// <summary>Whether the host runs Wolverine as the only node (the default); false runs it balanced, as one of several.</summary>
    protected virtual bool SoloNode => true;

    private string _signingKey = "";

    public virtual async Task InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        var server = await PostgresServer.InstanceAsync();
        ConnectionString = await server.CreateDatabaseAsync("t_" + GetType().Name.ToLowerInvariant());
        _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        ExportFolder = Path.Combine(Path.GetTempPath(), "anjiaxing-test-data", "ledger-export", new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).Database ?? "db");
        if (Directory.Exists(ExportFolder)) Directory.Delete(ExportFolder, recursive: true);
        Host = await StartHostAsync();
    }

    /// <summary>
    /// Another host of the service on this class's database, configured like the first: a second node, or (with
    /// <see cref="RestartAsync"/>) the service after a restart. The caller stops and disposes a host it keeps itself.
    /// </summary>
    public Task<IAlbaHost> StartHostAsync() => AlbaHost.For<Program>(builder =>
    {
        builder.UseSetting("ConnectionStrings:AnJiaXing", ConnectionString);
        builder.UseSetting("AnJiaXing:DemoData", "true");
        builder.UseSetting("AnJiaXing:Auth:SigningKey", _signingKey);
        // Classes sign in many accounts from one test client; the per-address limit has a test of its own.
        builder.UseSetting("AnJiaXing:Auth:SignInsPerMinutePerClient", "10000");
        builder.UseSetting("AnJiaXing:DataFolder", Path.Combine(Path.GetTempPath(), "anjiaxing-test-data"));
        // Heads are exported per database, so a class's export holds only its own heads.
        builder.UseSetting("AnJiaXing:Ledger:ExportFolder", ExportFolder);
        // Classes count exactly the risk points they register; the risk-control demo seed has a class of its own.
        builder.UseSetting("AnJiaXing:RiskControl:DemoSeed", "false");
        // Likewise the monitoring figures (alarms, expiries, major hazard sources): the dashboard's browser test turns it on.
        builder.UseSetting("AnJiaXing:Monitoring:DemoSeed", "false");
        builder.ConfigureServices(services =>
        {
            // Balanced nodes talk through their control queues (the database's, here), which disabling the external
            // transports would take away: the leader's assignments would never arrive.
            if (SoloNode)
            {
                services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
            }
            // Solo, Wolverine starts every projection and subscription agent on this node at once; balanced
            // (SoloNode false), its leader assigns them. MartenDaemonModeIsSolo must not be used: Wolverine manages the
            // daemon (ADR 0029) and refuses a second coordinator.
        });
        Configure(builder);
    });

    /// <summary>
    /// Waits (at most a minute) until nothing has been appended for <paramref name="quiet"/>: the work a host does by
    /// itself after start (overdue escalations of seeded hazards, missed patrol windows, reminders) has settled.
    /// </summary>
    public async Task SettleAsync(TimeSpan? quiet = null)
    {
        // Longer than Wolverine's scheduled-message polling (5 s), which delivers the escalations due at start.
        var window = quiet ?? TimeSpan.FromSeconds(6);
        var until = DateTime.UtcNow.AddMinutes(1);
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        async Task<long> LastAsync()
        {
            await using var command = new Npgsql.NpgsqlCommand(
                $"select coalesce(max(seq_id), 0) from {Store.Options.Events.DatabaseSchemaName}.mt_events", connection);
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        }
        var (last, since) = (await LastAsync(), DateTime.UtcNow);
        while (DateTime.UtcNow - since < window && DateTime.UtcNow < until)
        {
            await Task.Delay(250);
            var now = await LastAsync();
            if (now != last) (last, since) = (now, DateTime.UtcNow);
        }
    }

    /// <summary>Stops the service and starts it again on the same database (tokens stay valid: same signing key).</summary>
    /// <summary>One value of a SQL query on this class's database, as text (null for none).</summary>
    public async Task<string?> ScalarAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync())?.ToString();
    }

    public async Task RestartAsync(Func<Task>? whileStopped = null)
    {
        await Host.StopAsync();
        await Host.DisposeAsync();
        if (whileStopped is not null) await whileStopped();
        Host = await StartHostAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.StopAsync();
        await Host.DisposeAsync();
        var server = await PostgresServer.InstanceAsync();
        await server.DropDatabaseAsync(ConnectionString);
    }

    /// <summary>A fresh X-Correlation-Id for a request whose own events a test will count.</summary>
    public static string NewCorrelation() => "test" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// The events the requests sent with <paramref name="correlation"/> appended: the host appends by itself meanwhile
    /// (overdue escalations of the seeded hazards, missed patrols), so a count of all events would be a race.
    /// </summary>
    public async Task<long> EventsOfAsync(string correlation)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            $"select count(*) from {Store.Options.Events.DatabaseSchemaName}.mt_events where correlation_id = $1", connection);
        command.Parameters.AddWithValue(correlation);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>A bearer token for an account (by default with the password <see cref="PasswordOf"/> gives).</summary>
    public Task<string> TokenFor(string username, string? password = null)
    {
        var secret = password ?? PasswordOf(username);
        return _tokens.GetOrAdd($"{username}\n{secret}", _ => IssueAsync(username, secret));
    }

    /// <summary>The password of the accounts a fixture knows; demo accounts use <see cref="DemoDistrict.Password"/>.</summary>
    protected virtual string PasswordOf(string username) => DemoDistrict.Password;

    private async Task<string> IssueAsync(string username, string password)
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(new { username, password }).ToUrl("/api/auth/token");
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<IssuedToken>())!.AccessToken;
    }

    /// <summary>An HTTP scenario as a demo account.</summary>
    public async Task<IScenarioResult> As(string username, Action<Scenario> configure)
    {
        var token = await TokenFor(username);
        return await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            configure(s);
        });
    }
}
