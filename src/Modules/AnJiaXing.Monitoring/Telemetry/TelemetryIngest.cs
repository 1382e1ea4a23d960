using JasperFx;
using Marten;
using Marten.Exceptions;
using Marten.Storage;
using Npgsql;

namespace AnJiaXing.Monitoring.Telemetry;

/// <summary>What one accepted batch did.</summary>
public sealed record TelemetryAccepted(int Accepted, int AlarmsRaised);

/// <summary>
/// Stores a device's batch and evaluates its thresholds in one transaction: binary COPY of the readings and their
/// per-minute roll-up, then the
/// points' alarm states (optimistic concurrency; saved only when a threshold turned active or cleared) and an
/// <see cref="AlarmRaised"/> stream per crossing. Monitoring points are immutable once registered, so their thresholds
/// are cached in memory. A batch that
/// repeats stored readings takes the insert-skipping-duplicates path; a concurrent change of an alarm state retries.
/// Everything is written in the device's town's database (ADR 0030): its readings, its points' states and its alarms,
/// whose streams are copied to the district like any town event.
/// </summary>
public sealed class TelemetryIngest(IDocumentStore store, ReadingsTable table)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, MonitoringPoint> _points = new(StringComparer.Ordinal);

    private const int Attempts = 4;

    public async Task<TelemetryAccepted> IngestAsync(DeviceView device, IReadOnlyList<Reading> rows, CancellationToken ct)
    {
        var database = await table.DatabaseOfAsync(device.TownId);
        await table.EnsurePartitionsAsync(database, rows.Select(r => DateOnly.FromDateTime(r.At.UtcDateTime)), ct);
        var skipDuplicates = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await AttemptAsync(database, device, rows, skipDuplicates, ct);
            }
            catch (Exception e) when (attempt < Attempts && IsDuplicate(e))
            {
                skipDuplicates = true;
            }
            catch (Exception e) when (attempt < Attempts && e is ConcurrencyException or DocumentAlreadyExistsException
                                          || (e is MartenCommandException { InnerException: ConcurrencyException }))
            {
                await Task.Delay(Random.Shared.Next(5, 30), ct);
            }
        }
    }

    private static bool IsDuplicate(Exception? e)
    {
        for (; e != null; e = e.InnerException)
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg && (pg.TableName ?? "").StartsWith(ReadingsTable.Name, StringComparison.Ordinal))
                return true;
        return false;
    }

    private async Task<TelemetryAccepted> AttemptAsync(IMartenDatabase database, DeviceView device, IReadOnlyList<Reading> rows,
        bool skipDuplicates, CancellationToken ct)
    {
        await using var connection = await ReadingsTable.OpenAsync(database, ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (skipDuplicates) await ReadingsTable.InsertSkippingDuplicatesAsync(connection, rows, ct);
        else
        {
            await ReadingsTable.CopyAsync(connection, rows, ct);
            await Rollup.AddAsync(connection, rows, ct);
        }

        var options = Marten.Services.SessionOptions.ForTransaction(tx, shouldAutoCommit: false);
        // A town's database is named by its tenant id (the session then opens the connection's database).
        if (!TownDatabases.IsDistrict(database)) options.TenantId = TownDatabases.NameOf(database);
        await using var session = store.LightweightSession(options);
        var byPoint = rows.GroupBy(r => r.PointCode).ToDictionary(g => g.Key, g => g.Select(r => (r.At, r.Value)).ToList());
        var codes = byPoint.Keys.ToArray();
        var missing = codes.Where(c => !_points.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
            foreach (var p in await session.LoadManyAsync<MonitoringPoint>(ct, missing)) _points[p.Id] = p;
        var states = (await session.LoadManyAsync<PointAlarmState>(ct, codes)).ToDictionary(s => s.Id);
        var actor = device.AsActor();
        var raised = 0;
        foreach (var (code, readings) in byPoint)
        {
            if (!_points.TryGetValue(code, out var point)) continue;
            var fresh = !states.TryGetValue(code, out var state);
            state ??= new PointAlarmState { Id = code };
            var evaluation = ThresholdEvaluator.Assess(point, state, readings);
            foreach (var c in evaluation.Raised)
            {
                session.Events.StartStream<AlarmView>(c.AlarmId, new AlarmRaised(c.AlarmId, code, point.SourceId, point.SourceName,
                    point.EnterpriseId, point.EnterpriseName, point.TownId, [.. point.Domains], c.Level, c.Threshold, c.Value, point.Unit,
                    c.At, device.Id, actor));
                raised++;
            }
            if (!evaluation.Changed) continue;
            if (fresh) session.Insert(state);
            else session.Update(state);
        }
        await session.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new TelemetryAccepted(rows.Count, raised);
    }
}
