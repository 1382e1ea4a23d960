using System.Collections.Concurrent;
using System.Globalization;
using Marten;
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
/// </summary>
public sealed class ReadingsTable(IDocumentStore store)
{
    public const string Name = "monitoring_readings";
    public static readonly string Qualified = $"{MartenSetup.Schema}.{Name}";
    private readonly ConcurrentDictionary<DateOnly, bool> _known = new();

    public static string PartitionName(DateOnly day) => $"{Name}_p{day:yyyyMMdd}";

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }

    public async Task CreateAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await Execute(connection, $"""
            create schema if not exists {MartenSetup.Schema};
            create table if not exists {Qualified} (
                point_code text not null,
                at timestamptz not null,
                value double precision not null,
                device_id uuid not null,
                primary key (point_code, at)
            ) partition by range (at);
            """, ct);
        _known.Clear();
    }

    /// <summary>Creates the partitions of these days that do not exist yet (idempotent, safe against a concurrent creator).</summary>
    public async Task EnsurePartitionsAsync(IEnumerable<DateOnly> days, CancellationToken ct)
    {
        var missing = days.Distinct().Where(d => !_known.ContainsKey(d)).ToList();
        if (missing.Count == 0) return;
        await using var connection = await OpenAsync(ct);
        foreach (var day in missing)
        {
            var from = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var to = day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            try
            {
                await Execute(connection, $"create table if not exists {MartenSetup.Schema}.{PartitionName(day)} partition of {Qualified} " +
                                          $"for values from ('{from} 00:00:00+00') to ('{to} 00:00:00+00')", ct);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.UniqueViolation)
            {
                // A concurrent request created it first.
            }
            _known[day] = true;
        }
    }

    /// <summary>The partitions attached now, by day.</summary>
    public async Task<IReadOnlyList<DateOnly>> PartitionsAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
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
    public async Task<IReadOnlyList<string>> DetachOlderThanAsync(DateOnly before, CancellationToken ct)
    {
        var detached = new List<string>();
        var old = (await PartitionsAsync(ct)).Where(d => d < before).ToList();
        if (old.Count == 0) return detached;
        await using var connection = await OpenAsync(ct);
        foreach (var day in old)
        {
            await Execute(connection, $"alter table {Qualified} detach partition {MartenSetup.Schema}.{PartitionName(day)}", ct);
            _known.TryRemove(day, out _);
            detached.Add(PartitionName(day));
        }
        return detached;
    }

    /// <summary>Binary COPY of the rows, in the caller's transaction.</summary>
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
        await using var command = new NpgsqlCommand($"""
            insert into {Qualified} (point_code, at, value, device_id)
            select * from unnest($1::text[], $2::timestamptz[], $3::float8[], $4::uuid[])
            on conflict do nothing
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.PointCode).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.At.UtcDateTime).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.DeviceId).ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<(DateTimeOffset At, double Value)>> ReadAsync(string point, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
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

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>
/// The start-up step and daily upkeep of the readings table: create it, create the partitions of yesterday to
/// <see cref="DaysAhead"/> days ahead, and — when <c>AnJiaXing:Monitoring:RetentionDays</c> is set — detach the days
/// older than that. Registered after Marten's own start-up work, so the schema exists.
/// </summary>
public sealed class ReadingsMaintenance(ReadingsTable table, TimeProvider clock, IConfiguration configuration, ILogger<ReadingsMaintenance> logger)
    : BackgroundService
{
    public const int DaysAhead = 7;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await table.CreateAsync(cancellationToken);
        await RunOnceAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await table.EnsurePartitionsAsync(Enumerable.Range(-1, DaysAhead + 2).Select(today.AddDays), ct);
        var days = configuration.GetValue<int?>("AnJiaXing:Monitoring:RetentionDays") ?? 0;
        if (days > 0)
        {
            var detached = await table.DetachOlderThanAsync(today.AddDays(-days), ct);
            if (detached.Count > 0) logger.LogInformation("Detached reading partitions {Partitions}", string.Join(", ", detached));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(6));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await RunOnceAsync(stoppingToken);
        }
        catch (OperationCanceledException) { }
    }
}
