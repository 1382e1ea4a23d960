using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DotNet.Testcontainers.Builders;
using Npgsql;
using Testcontainers.PostgreSql;

namespace AnJiaXing.IntegrationTests.Infrastructure;

/// <summary>
/// The PostgreSQL server of one test run, from (in order) <c>ANJIAXING_TEST_CONNECTION</c>, Testcontainers when
/// a Docker engine answers, or a throwaway local cluster started from the installed binaries and removed at exit.
/// Each test class gets its own database on it (<see cref="CreateDatabaseAsync"/>), so classes run in parallel.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private PostgresServer(string adminConnectionString, string source)
    {
        AdminConnectionString = adminConnectionString;
        Source = source;
    }

    public string AdminConnectionString { get; }
    public string Source { get; }

    public static Task<PostgresServer> InstanceAsync() => Shared.Value;

    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"create database \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 40 }.ConnectionString;
    }

    /// <summary>Drops a class's database, so a long-lived server (ANJIAXING_TEST_CONNECTION) does not fill up.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using (var pooled = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(pooled);
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("ANJIAXING_TEST_CONNECTION");
        if (!string.IsNullOrWhiteSpace(configured)) return new PostgresServer(configured, "ANJIAXING_TEST_CONNECTION");

        if (await TryTestcontainersAsync() is { } container) return container;

        return await LocalCluster.StartAsync();
    }

    private static async Task<PostgresServer?> TryTestcontainersAsync()
    {
        if (!DockerAnswers()) return null;
        try
        {
            var container = new PostgreSqlBuilder("postgres:15-alpine").Build();
            await container.StartAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return new PostgresServer(container.GetConnectionString(), "Testcontainers");
        }
        catch (Exception e) when (e is DockerUnavailableException or InvalidOperationException or HttpRequestException or TimeoutException)
        {
            Console.Error.WriteLine($"Testcontainers unavailable ({e.GetType().Name}); falling back to a local cluster.");
            return null;
        }
    }

    /// <summary>Only a reachable engine is worth a try; a client without an engine must not slow every run down.</summary>
    private static bool DockerAnswers() =>
        File.Exists("/var/run/docker.sock") || Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 };

    /// <summary>A cluster in a temporary folder, owned by 'postgres' when we run as root (PostgreSQL refuses root).</summary>
    private static class LocalCluster
    {
        public static async Task<PostgresServer> StartAsync()
        {
            var bin = FindBinaries();
            SweepStaleClusters();
            var folder = Path.Combine(Path.GetTempPath(), $"anjiaxing-test-pg-{Guid.NewGuid():N}"[..32]);
            var data = Path.Combine(folder, "data");
            Directory.CreateDirectory(folder);
            var asRoot = Environment.UserName == "root";
            if (asRoot) await RunAsync("chown", ["-R", "postgres:", folder]);

            await RunAsOwnerAsync(asRoot, Path.Combine(bin, "initdb"),
                ["-D", data, "-U", "anjiaxing", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);

            var port = FreePort();
            string[] settings =
            [
                $"-p {port}", "-c listen_addresses=127.0.0.1", "-c unix_socket_directories=''",
                "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=400"
            ];
            await RunAsOwnerAsync(asRoot, Path.Combine(bin, "pg_ctl"),
                ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o", string.Join(' ', settings), "start"]);

            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    RunAsOwnerAsync(asRoot, Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]).GetAwaiter().GetResult();
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception)
                {
                    // Best effort: the folder is in the temp directory either way.
                }
            };

            return new PostgresServer($"Host=127.0.0.1;Port={port};Username=anjiaxing;Database=postgres", $"local cluster in {folder}");
        }

        /// <summary>
        /// Folders of earlier runs whose server is gone (a test host that is killed runs no exit handler): removed, so
        /// plain <c>dotnet test</c> does not pile them up either. A folder whose postmaster still runs is left alone.
        /// </summary>
        private static void SweepStaleClusters()
        {
            foreach (var stale in Directory.GetDirectories(Path.GetTempPath(), "anjiaxing-test-pg-*"))
            {
                try
                {
                    var pidFile = Path.Combine(stale, "data", "postmaster.pid");
                    if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) && IsRunning(pid)) continue;
                    Directory.Delete(stale, recursive: true);
                }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
        }

        private static bool IsRunning(int pid)
        {
            try { return !Process.GetProcessById(pid).HasExited; }
            catch (ArgumentException) { return false; }
        }

        private static string FindBinaries()
        {
            var candidates = Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d).Select(d => Path.Combine(d, "bin"))
                : [];
            return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
                   ?? throw new InvalidOperationException(
                       "No PostgreSQL for the tests: set ANJIAXING_TEST_CONNECTION, run Docker, or install postgresql-15.");
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static Task RunAsOwnerAsync(bool asRoot, string file, string[] args) =>
            asRoot ? RunAsync("runuser", ["-u", "postgres", "--", file, .. args]) : RunAsync(file, args);

        private static async Task RunAsync(string file, string[] args)
        {
            var info = new ProcessStartInfo(file)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetTempPath()
            };
            foreach (var a in args) info.ArgumentList.Add(a);
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
