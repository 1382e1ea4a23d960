using System.Collections.Concurrent;
using System.Globalization;
using Marten;
using Marten.Storage;
using Npgsql;
using NpgsqlTypes;

namespace AnJiaXing.Monitoring.Telemetry;

/// <summary>One stored reading of a monitoring point.</summary>
public readonly record struct Reading(string PointCode, DateTimeOffset At, double Value, Guid DeviceId);

/// <summary>
/// Readings are not events (they would flood the hash-chained ledger, mt_events): they go to
/// <c>anjiaxing.monitoring_readings</c>, a table partitioned by range of <c>at</c> with one partition per UTC day
/// (<c>monitoring_readings_pYYYYMMDD</c>). The start-up step (<see cref="ReadingsMaintenance"/>) creates the table and the
/// partitions of the days ahead; ingest creates a missing day's partition before it writes (readings up to
/// <see cref="TelemetryRules.MaxAge"/> old are accepted); <see cref="DetachOlderThanAsync"/> detaches whole old days
/// (detached partitions stay as plain tables, to archive or drop). Writes are binary COPY.
/// With towns in databases of their own (ADR 0030) every database has the table, and a point's readings are in its
/// town's (<see cref="DatabaseOfAsync"/>): readings are not events, so nothing copies them to the district.
/// </summary>
public sealed class ReadingsTable(IDocumentStore store, TownDatabases towns)
{
    public const string Name = "monitoring_readings";
    public static readonly string Qualified = $"{MartenSetup.Schema}.{Name}";
    private readonly ConcurrentDictionary<(string Database, DateOnly Day), bool> _known = new();

    public static string PartitionName(DateOnly day) => $"{Name}_p{day:yyyyMMdd}";

    /// <summary>The database holding the readings of a town's points: its own, or the district's.</summary>
    public async ValueTask<IMartenDatabase> DatabaseOfAsync(Guid? town) =>
        towns.TenantOf(town) is { } tenant ? await store.Storage.FindOrCreateDatabase(tenant) : store.Storage.Database;

    public static async Task<NpgsqlConnection> OpenAsync(IMartenDatabase database, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)database.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }

    public async Task CreateAsync(IMartenDatabase database, CancellationToken ct)
    {
        await using var connection = await OpenAsync(database, ct);
        var rollupExisted = await Scalar<bool>(connection, $"select to_regclass('{Rollup.Qualified}') is not null", ct);
        // The primary key's index carries the value (INCLUDE): a point's day is then an index-only scan in time order,
        // with no heap visits and no sort (ADR 0023, "Reading a day fast").
        await Execute(connection, $"""
            create schema if not exists {MartenSetup.Schema};
            create table if not exists {Qualified} (
                point_code text not null,
                at timestamptz not null,
                value double precision not null,
                device_id uuid not null,
                primary key (point_code, at) include (value)
            ) partition by range (at);
            create table if not exists {Rollup.Qualified} (
                point_code text not null,
                minute timestamptz not null,
                n integer not null,
                total double precision not null,
                min double precision not null,
                max double precision not null,
                primary key (point_code, minute)
            ) partition by range (minute);
            """, ct);
        // A table made before the key carried the value is re-keyed once (a start-up step, like the partitions).
        if (!await Scalar<bool>(connection, $"""
                select coalesce((select i.indnatts > i.indnkeyatts from pg_index i
                   join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace
                  where n.nspname = '{MartenSetup.Schema}' and c.relname = '{Name}_pkey'), false)
                """, ct))
            await Execute(connection, $"alter table {Qualified} drop constraint {Name}_pkey, add primary key (point_code, at) include (value)", ct);
        foreach (var key in _known.Keys.Where(k => k.Database == TownDatabases.NameOf(database))) _known.TryRemove(key, out _);
        if (!rollupExisted)
        {
            // Readings stored before the roll-up existed are rolled up once, partition by partition.
            await EnsurePartitionsAsync(database, await PartitionsAsync(database, ct), ct);
            await Execute(connection, $"""
                insert into {Rollup.Qualified} (point_code, minute, n, total, min, max)
                select point_code, date_trunc('minute', at), count(*), sum(value), min(value), max(value)
                  from {Qualified} group by 1, 2
                """, ct);
        }
    }

    /// <summary>Creates the partitions of these days that do not exist yet (idempotent, safe against a concurrent creator).</summary>
    public async Task EnsurePartitionsAsync(IMartenDatabase database, IEnumerable<DateOnly> days, CancellationToken ct)
    {
        var name = TownDatabases.NameOf(database);
        var missing = days.Distinct().Where(d => !_known.ContainsKey((name, d))).ToList();
        if (missing.Count == 0) return;
        await using var connection = await OpenAsync(database, ct);
        foreach (var day in missing)
        {
            var from = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var to = day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            try
            {
                await Execute(connection, $"create table if not exists {MartenSetup.Schema}.{PartitionName(day)} partition of {Qualified} " +
                                          $"for values from ('{from} 00:00:00+00') to ('{to} 00:00:00+00')", ct);
                await Execute(connection, $"create table if not exists {MartenSetup.Schema}.{Rollup.PartitionName(day)} partition of {Rollup.Qualified} " +
                                          $"for values from ('{from} 00:00:00+00') to ('{to} 00:00:00+00')", ct);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.UniqueViolation)
            {
                // A concurrent request created it first.
            }
            _known[(name, day)] = true;
        }
    }

    /// <summary>The partitions attached now, by day.</summary>
    public async Task<IReadOnlyList<DateOnly>> PartitionsAsync(IMartenDatabase database, CancellationToken ct)
    {
        await using var connection = await OpenAsync(database, ct);
        await using var command = new NpgsqlCommand($"""
            select c.relname from pg_inherits i
              join pg_class c on c.oid = i.inhrelid
              join pg_class p on p.oid = i.inhparent
              join pg_namespace n on n.oid = p.relnamespace
             where n.nspname = '{MartenSetup.Schema}' and p.relname = '{Name}'
            """, connection);
        var days = new List<DateOnly>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var name = reader.GetString(0);
            if (DateOnly.TryParseExact(name[^8..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) days.Add(d);
        }
        return days.Order().ToList();
    }

    /// <summary>Detaches every partition of a day before <paramref name="before"/>; answers the detached tables' names.</summary>
    public async Task<IReadOnlyList<string>> DetachOlderThanAsync(IMartenDatabase database, DateOnly before, CancellationToken ct)
    {
        var detached = new List<string>();
        var old = (await PartitionsAsync(database, ct)).Where(d => d < before).ToList();
        if (old.Count == 0) return detached;
        await using var connection = await OpenAsync(database, ct);
        foreach (var day in old)
        {
            await Execute(connection, $"alter table {Qualified} detach partition {MartenSetup.Schema}.{PartitionName(day)}", ct);
            if (await Scalar<bool>(connection, $"select to_regclass('{MartenSetup.Schema}.{Rollup.PartitionName(day)}') is not null", ct))
                await Execute(connection, $"alter table {Rollup.Qualified} detach partition {MartenSetup.Schema}.{Rollup.PartitionName(day)}", ct);
            _known.TryRemove((TownDatabases.NameOf(database), day), out _);
            detached.Add(PartitionName(day));
        }
        return detached;
    }

    /// <summary>Binary COPY of the rows, in the caller's transaction (the ingest adds them to the roll-up after).</summary>
    public static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<Reading> rows, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            $"copy {Qualified} (point_code, at, value, device_id) from stdin (format binary)", ct);
        foreach (var r in rows)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(r.PointCode, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(r.At.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(r.Value, NpgsqlDbType.Double, ct);
            await writer.WriteAsync(r.DeviceId, NpgsqlDbType.Uuid, ct);
        }
        await writer.CompleteAsync(ct);
    }

    /// <summary>
    /// The retry path when a batch repeats readings already stored (a device resending after a lost answer): one
    /// multi-row insert from arrays that skips the duplicates.
    /// </summary>
    public static async Task InsertSkippingDuplicatesAsync(NpgsqlConnection connection, IReadOnlyList<Reading> rows, CancellationToken ct)
    {
        // Only the rows actually inserted are rolled up, so a resent reading is counted once in the minutes too.
        await using var command = new NpgsqlCommand($"""
            with inserted as (
                insert into {Qualified} (point_code, at, value, device_id)
                select * from unnest($1::text[], $2::timestamptz[], $3::float8[], $4::uuid[])
                on conflict do nothing
                returning point_code, at, value)
            insert into {Rollup.Qualified} as r (point_code, minute, n, total, min, max)
            select point_code, date_trunc('minute', at), count(*), sum(value), min(value), max(value)
              from inserted group by 1, 2 order by 1, 2
            {Rollup.Merge}
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.PointCode).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.At.UtcDateTime).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.DeviceId).ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<IReadOnlyList<(DateTimeOffset At, double Value)>> ReadAsync(IMartenDatabase database, string point,
        DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct)
    {
        await using var connection = await OpenAsync(database, ct);
        await using var command = new NpgsqlCommand(
            $"select at, value from {Qualified} where point_code = $1 and at >= $2 and at < $3 order by at limit $4", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = point });
        command.Parameters.Add(new NpgsqlParameter { Value = from.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = to.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var list = new List<(DateTimeOffset, double)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            list.Add((new DateTimeOffset(reader.GetFieldValue<DateTime>(0), TimeSpan.Zero), reader.GetDouble(1)));
        return list;
    }

    /// <summary>
    /// The point's readings in <c>[from, to)</c> in buckets of <paramref name="stride"/> (a whole number of minutes),
    /// aligned to midnight in China time. Whole minutes come from the roll-up, the partial minutes at either edge from
    /// the readings themselves, so a bucket counts exactly the readings of the window.
    /// </summary>
    public static async Task<IReadOnlyList<ReadingBucket>> ReadBucketsAsync(IMartenDatabase database, string point, DateTimeOffset from,
        DateTimeOffset to, TimeSpan stride, CancellationToken ct)
    {
        var innerFrom = CeilingMinute(from);
        var innerTo = FloorMinute(to);
        // Edge ranges of raw readings: [from, innerFrom) and [innerTo, to); one range when the window has no whole minute.
        var (a1, a2, b1, b2) = innerFrom < innerTo ? (from, innerFrom, innerTo, to) : (from, to, to, to);
        if (innerFrom >= innerTo) innerFrom = innerTo = to;
        await using var connection = await OpenAsync(database, ct);
        await using var command = new NpgsqlCommand($"""
            with parts as (
                select minute as t, n, total, min, max from {Rollup.Qualified}
                 where point_code = $1 and minute >= $2 and minute < $3
                union all
                select at, 1, value, value, value from {Qualified}
                 where point_code = $1 and ((at >= $4 and at < $5) or (at >= $6 and at < $7)))
            select date_bin($8, t, $9) as bucket, sum(n)::int, min(min), max(max), sum(total) / sum(n)
              from parts group by 1 order by 1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = point });
        foreach (var t in new[] { innerFrom, innerTo, a1, a2, b1, b2 })
            command.Parameters.Add(new NpgsqlParameter { Value = t.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = stride, NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter { Value = ChinaMidnight.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var list = new List<ReadingBucket>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            list.Add(new ReadingBucket(new DateTimeOffset(reader.GetFieldValue<DateTime>(0), TimeSpan.Zero), reader.GetInt32(1),
                reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4)));
        return list;
    }

    private static readonly DateTimeOffset ChinaMidnight = new(2000, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static DateTimeOffset FloorMinute(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    private static DateTimeOffset CeilingMinute(DateTimeOffset t) =>
        t.UtcTicks % TimeSpan.TicksPerMinute == 0 ? t.ToUniversalTime() : FloorMinute(t).AddMinutes(1);

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }
}

/// <summary>A bucket of a point's readings: its start, how many readings, their least, greatest and mean value.</summary>
public sealed record ReadingBucket(DateTimeOffset At, int Count, double Min, double Max, double Avg);

/// <summary>
/// The per-minute roll-up of the readings (<c>monitoring_readings_1m</c>: count, sum, min, max per point and minute),
/// kept in the ingest's transaction and partitioned by the same days, so a day of one point is 1,440 rows whatever the
/// sampling rate. Sum rather than mean, so minutes merge exactly when a later batch adds to one.
/// </summary>
public static class Rollup
{
    public const string Name = "monitoring_readings_1m";
    public static readonly string Qualified = $"{MartenSetup.Schema}.{Name}";

    public static string PartitionName(DateOnly day) => $"{Name}_p{day:yyyyMMdd}";

    public const string Merge = """
        on conflict (point_code, minute) do update set n = r.n + excluded.n, total = r.total + excluded.total,
            min = least(r.min, excluded.min), max = greatest(r.max, excluded.max)
        """;

    /// <summary>Adds these (freshly stored) rows to their minutes; keys in order, so concurrent batches lock alike.</summary>
    public static async Task AddAsync(NpgsqlConnection connection, IReadOnlyList<Reading> rows, CancellationToken ct)
    {
        var minutes = new SortedDictionary<(string Point, long Minute), (int N, double Total, double Min, double Max)>(Comparer);
        foreach (var r in rows)
        {
            var key = (r.PointCode, r.At.UtcTicks - r.At.UtcTicks % TimeSpan.TicksPerMinute);
            minutes[key] = minutes.TryGetValue(key, out var m)
                ? (m.N + 1, m.Total + r.Value, Math.Min(m.Min, r.Value), Math.Max(m.Max, r.Value))
                : (1, r.Value, r.Value, r.Value);
        }
        await using var command = new NpgsqlCommand($"""
            insert into {Qualified} as r (point_code, minute, n, total, min, max)
            select * from unnest($1::text[], $2::timestamptz[], $3::int[], $4::float8[], $5::float8[], $6::float8[])
            {Merge}
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = minutes.Keys.Select(k => k.Point).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = minutes.Keys.Select(k => new DateTime(k.Minute, DateTimeKind.Utc)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = minutes.Values.Select(v => v.N).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = minutes.Values.Select(v => v.Total).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = minutes.Values.Select(v => v.Min).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = minutes.Values.Select(v => v.Max).ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }

    private static readonly Comparer<(string Point, long Minute)> Comparer = Comparer<(string Point, long Minute)>.Create((a, b) =>
    {
        var c = string.CompareOrdinal(a.Point, b.Point);
        return c != 0 ? c : a.Minute.CompareTo(b.Minute);
    });
}

/// <summary>
/// The start-up step and daily upkeep of the readings table: create it, create the partitions of yesterday to
/// <see cref="DaysAhead"/> days ahead, and — when <c>AnJiaXing:Monitoring:RetentionDays</c> is set — detach the days
/// older than that, in every database (each town's own and the district's). Registered after Marten's own start-up work,
/// so the schema exists. The start-up step runs on every node (it is idempotent and a node must not ingest before it);
/// the upkeep every six hours is a single-node work.
/// </summary>
public sealed class ReadingsMaintenance(ReadingsTable table, IDocumentStore store, TimeProvider clock, IConfiguration configuration,
    ILogger<ReadingsMaintenance> logger) : SingleNodeWork, IHostedService
{
    public const int DaysAhead = 7;

    public override string Name => "readings-upkeep";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Concurrent CREATE TABLE IF NOT EXISTS of one name can still fail in PostgreSQL's catalogue: nodes take turns.
        await using var turn = await AdvisoryLock.StartupTurnAsync(store, "readings-table", cancellationToken);
        foreach (var database in await TownDatabases.AllAsync(store)) await table.CreateAsync(database, cancellationToken);
        await RunOnceAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task RunOnceAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var days = configuration.GetValue<int?>("AnJiaXing:Monitoring:RetentionDays") ?? 0;
        foreach (var database in await TownDatabases.AllAsync(store))
        {
            await table.EnsurePartitionsAsync(database, Enumerable.Range(-1, DaysAhead + 2).Select(today.AddDays), ct);
            if (days <= 0) continue;
            var detached = await table.DetachOlderThanAsync(database, today.AddDays(-days), ct);
            if (detached.Count > 0)
                logger.LogInformation("Detached reading partitions {Partitions} of {Database}", string.Join(", ", detached), TownDatabases.NameOf(database));
        }
    }

    public override async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(6));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await RunOnceAsync(stoppingToken);
        }
        catch (OperationCanceledException) { }
    }
}
