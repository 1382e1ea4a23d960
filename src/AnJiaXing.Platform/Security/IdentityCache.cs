using System.Collections.Concurrent;
using Marten;
using Marten.Services;
using Npgsql;

namespace AnJiaXing.Platform.Security;

/// <summary>
/// Accounts and organisations as of their last change, kept in memory so that authenticating a request and loading a
/// command's enterprise and town cost no database round trip (issue 12: they were four reads per command). Entries
/// leave the moment their document changes: on this node when the unit of work that changed it commits
/// (<see cref="IdentityChangeListener"/>), on every other node through a PostgreSQL notification sent in that same
/// transaction (<see cref="IdentityCacheInvalidation"/>). While this node is not listening — at start-up, after a lost
/// connection — nothing is served from memory, so a revoked token is never accepted from a stale entry; an entry also
/// expires after <see cref="MaxAge"/> whatever happens. Loads racing an eviction are not kept (the generation check).
/// </summary>
public sealed class IdentityCache
{
    public const string Channel = "anjiaxing_identity";
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, Entry<Person>> _people = new();
    private readonly ConcurrentDictionary<Guid, Entry<Organisation>> _organisations = new();
    private long _generation;
    private volatile bool _listening;

    private sealed record Entry<T>(T Value, long LoadedAt);

    /// <summary>The account, from memory when it has not changed since it was loaded.</summary>
    public Task<Person?> PersonAsync(IQuerySession session, Guid id, CancellationToken ct) =>
        GetAsync(_people, id, () => session.LoadAsync<Person>(id, ct));

    /// <summary>The organisation (district, town, department or enterprise), from memory when it has not changed since.</summary>
    public Task<Organisation?> OrganisationAsync(IQuerySession session, Guid id, CancellationToken ct) =>
        GetAsync(_organisations, id, () => session.LoadAsync<Organisation>(id, ct));

    private async Task<T?> GetAsync<T>(ConcurrentDictionary<Guid, Entry<T>> entries, Guid id, Func<Task<T?>> load) where T : class
    {
        var now = Environment.TickCount64;
        if (_listening && entries.TryGetValue(id, out var entry) && now - entry.LoadedAt < (long)MaxAge.TotalMilliseconds)
            return entry.Value;

        var generation = Volatile.Read(ref _generation);
        var value = await load();
        // Kept only if nothing was evicted meanwhile: a load that read the row before a commit must not outlive it.
        if (value is not null && _listening && Volatile.Read(ref _generation) == generation)
            entries[id] = new Entry<T>(value, now);
        return value;
    }

    public void Evict(IEnumerable<Guid> ids)
    {
        Interlocked.Increment(ref _generation);
        foreach (var id in ids)
        {
            _people.TryRemove(id, out _);
            _organisations.TryRemove(id, out _);
        }
    }

    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _people.Clear();
        _organisations.Clear();
    }

    /// <summary>Whether changes made by other nodes reach this one; entries are served only while they do.</summary>
    internal bool Listening
    {
        get => _listening;
        set
        {
            _listening = value;
            if (!value) Clear();
        }
    }

    /// <summary>The notification payload: the changed ids, or "*" (everything) when there are too many for one message.</summary>
    internal static string Payload(IReadOnlyCollection<Guid> ids) => ids.Count > 100 ? "*" : string.Join(',', ids);

    internal void Apply(string payload)
    {
        if (payload == "*") Clear();
        else Evict(payload.Split(',').Select(s => Guid.TryParse(s, out var g) ? g : Guid.Empty));
    }
}

/// <summary>
/// Store-wide: a unit of work that changes accounts or organisations (their inline projections, or direct writes) tells
/// every node in its own transaction (<c>pg_notify</c> is delivered at commit, never for a rollback) and, once
/// committed, evicts them here before the request answers.
/// </summary>
public sealed class IdentityChangeListener(IdentityCache cache) : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var ids = ChangedIds(session.PendingChanges);
        if (ids.Count > 0) session.QueueSqlCommand("select pg_notify(?, ?)", IdentityCache.Channel, IdentityCache.Payload(ids));
        return Task.CompletedTask;
    }

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        var ids = commit.Updated.Concat(commit.Inserted).Select(IdOf).OfType<Guid>()
            .Concat(commit.Deleted.Where(d => d.DocumentType == typeof(Person) || d.DocumentType == typeof(Organisation))
                .Select(d => d.Id).OfType<Guid>())
            .ToArray();
        if (ids.Length > 0) cache.Evict(ids);
        return Task.CompletedTask;
    }

    private static HashSet<Guid> ChangedIds(IUnitOfWork work) =>
    [
        .. work.AllChangedFor<Person>().Select(p => p.Id),
        .. work.AllChangedFor<Organisation>().Select(o => o.Id),
        .. work.DeletionsFor<Person>().Concat(work.DeletionsFor<Organisation>()).Select(d => d.Id).OfType<Guid>()
    ];

    private static Guid? IdOf(object document) => document switch
    {
        Person p => p.Id,
        Organisation o => o.Id,
        _ => null
    };
}

/// <summary>
/// Listens for other nodes' account and organisation changes on a connection of its own. Until it listens, and whenever
/// the connection is lost, the cache serves nothing (every request reads the database, as before the cache).
/// </summary>
public sealed class IdentityCacheInvalidation(IdentityCache cache, IDocumentStore store, ILogger<IdentityCacheInvalidation> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => cache.Apply(e.Payload);
                await using (var listen = new NpgsqlCommand($"listen {IdentityCache.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                cache.Listening = true;
                failures = 0;
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                cache.Listening = false;
                if (failures++ == 0) logger.LogWarning(e, "Identity changes cannot be heard; accounts and organisations are read from the database until they can.");
                try { await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, failures)), stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
            finally
            {
                cache.Listening = false;
            }
        }
    }
}
