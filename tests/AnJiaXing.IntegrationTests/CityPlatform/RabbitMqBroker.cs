using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RabbitMQ.Client;

namespace AnJiaXing.IntegrationTests.CityPlatform;

/// <summary>A fact that needs Debian's rabbitmq-server: skipped, saying so, where it is not installed.</summary>
public sealed class RabbitMqFactAttribute : FactAttribute
{
    public RabbitMqFactAttribute()
    {
        if (!File.Exists(RabbitMqBroker.Server))
            Skip = $"rabbitmq-server is not installed ({RabbitMqBroker.Server} is missing; apt-get install rabbitmq-server, as scripts/test.sh does).";
    }
}

/// <summary>
/// A throwaway RabbitMQ node for one test class: Debian's rabbitmq-server started as a child process on free loopback
/// ports, with its own epmd (so no daemon outlives the tests), its data in a temp folder, and guest/guest. Stopped and
/// removed on dispose.
/// </summary>
public sealed class RabbitMqBroker : IAsyncDisposable
{
    public const string Server = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    private readonly string _folder;
    private readonly Process _epmd;
    private readonly Process _server;

    public int Port { get; }
    public string Uri => $"amqp://guest:guest@127.0.0.1:{Port}/";

    private RabbitMqBroker(string folder, int port, Process epmd, Process server)
    {
        _folder = folder;
        Port = port;
        _epmd = epmd;
        _server = server;
    }

    public static async Task<RabbitMqBroker> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "anjiaxing-rabbitmq-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(folder, "home"));
        var (port, dist, epmdPort) = (FreePort(), FreePort(), FreePort());
        await File.WriteAllTextAsync(Path.Combine(folder, "enabled_plugins"), "[].");
        await File.WriteAllTextAsync(Path.Combine(folder, "rabbitmq.conf"), $"listeners.tcp.default = 127.0.0.1:{port}\nloopback_users = none\n");
        var env = new Dictionary<string, string>
        {
            ["HOME"] = Path.Combine(folder, "home"), ["RABBITMQ_NODENAME"] = $"anjx{port}@localhost", ["RABBITMQ_NODE_PORT"] = port.ToString(),
            ["RABBITMQ_DIST_PORT"] = dist.ToString(), ["ERL_EPMD_PORT"] = epmdPort.ToString(), ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(folder, "mnesia"), ["RABBITMQ_LOG_BASE"] = Path.Combine(folder, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(folder, "enabled_plugins"), ["RABBITMQ_CONFIG_FILE"] = Path.Combine(folder, "rabbitmq"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(folder, "pid"), ["RABBITMQ_LOGS"] = Path.Combine(folder, "log", "rabbit.log"),
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}"
        };
        var epmd = Start("epmd", $"-port {epmdPort} -address 127.0.0.1", env);
        var server = Start(Server, "", env);
        var broker = new RabbitMqBroker(folder, port, epmd, server);
        var until = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            try
            {
                await using var connection = await new ConnectionFactory { Uri = new System.Uri(broker.Uri) }.CreateConnectionAsync();
                return broker;
            }
            catch (Exception) when (DateTime.UtcNow < until && !server.HasExited)
            {
                await Task.Delay(500);
            }
            catch (Exception)
            {
                await broker.DisposeAsync();
                throw;
            }
        }
    }

    private static Process Start(string file, string arguments, Dictionary<string, string> env)
    {
        var info = new ProcessStartInfo(file, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in env) info.Environment[k] = v;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in new[] { _server, _epmd })
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception) { }
            process.Dispose();
        }
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }
}
