using System.Security.Cryptography;
using System.Text;
using Marten;
using Npgsql;

namespace AnJiaXing.Platform.Persistence;

/// <summary>
/// A PostgreSQL session-level advisory lock held on a connection of its own, for work that must not run twice at once
/// across requests and nodes but spans more than one transaction of another session (check, act, commit). The lock goes
/// with the connection: a node that dies releases it. Keys are (class, object) pairs: the class names the kind of work,
/// the object is derived from a name (a dispatch id, a feed) so unrelated work never waits on each other.
/// </summary>
public sealed class AdvisoryLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly int _class;
    private readonly int _object;

    private AdvisoryLock(NpgsqlConnection connection, int @class, int @object)
    {
        _connection = connection;
        _class = @class;
        _object = @object;
    }

    /// <summary>A stable 32-bit key of a name (not <see cref="string.GetHashCode()"/>, which differs per process).</summary>
    public static int KeyOf(string name) => BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0);

    /// <summary>The advisory-lock class of start-up steps.</summary>
    public const int StartupClass = 200000;

    /// <summary>
    /// A start-up step's turn (issue 20): nodes started together on one database take their steps that write (ledger
    /// schema, demo data, built-in content, patrol schedulers) one after the other, each then finding what the one before
    /// it wrote, instead of racing on the same rows. Waits up to 10 minutes (the district-scale demo seed).
    /// </summary>
    public static Task<AdvisoryLock> StartupTurnAsync(IDocumentStore store, string step, CancellationToken ct) =>
        AcquireAsync(store, StartupClass, step, ct, TimeSpan.FromMinutes(10));

    /// <summary>Waits for the lock, bounded by <paramref name="ct"/> and by <paramref name="wait"/> (the connection's command
    /// timeout when not given: a request's wait stays short; a start-up step behind another node's seeding waits longer).</summary>
    public static async Task<AdvisoryLock> AcquireAsync(IDocumentStore store, int @class, string name, CancellationToken ct, TimeSpan? wait = null)
    {
        var connection = await OpenAsync(store, ct);
        try
        {
            var key = KeyOf(name);
            await using var command = new NpgsqlCommand("select pg_advisory_lock($1, $2)", connection) { Parameters = { new() { Value = @class }, new() { Value = key } } };
            if (wait is { } w) command.CommandTimeout = (int)Math.Ceiling(w.TotalSeconds);
            await command.ExecuteNonQueryAsync(ct);
            return new AdvisoryLock(connection, @class, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The lock if no one holds it now, else null (another node is doing the work).</summary>
    public static async Task<AdvisoryLock?> TryAcquireAsync(IDocumentStore store, int @class, string name, CancellationToken ct)
    {
        var connection = await OpenAsync(store, ct);
        try
        {
            var key = KeyOf(name);
            await using var command = new NpgsqlCommand("select pg_try_advisory_lock($1, $2)", connection) { Parameters = { new() { Value = @class }, new() { Value = key } } };
            if (await command.ExecuteScalarAsync(ct) is true) return new AdvisoryLock(connection, @class, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    private static async Task<NpgsqlConnection> OpenAsync(IDocumentStore store, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("select pg_advisory_unlock($1, $2)", _connection) { Parameters = { new() { Value = _class }, new() { Value = _object } } };
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The connection is broken: closing it below releases the lock all the same.
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
