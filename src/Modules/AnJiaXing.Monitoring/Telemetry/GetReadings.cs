using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Monitoring.Telemetry;

public sealed record ReadingPoint(DateTimeOffset At, double Value);

/// <summary>
/// A point's stored readings in <c>[from, to)</c>, with its unit and thresholds: every reading (<c>resolution</c>
/// <c>raw</c>), or — any other resolution — <c>buckets</c> of that length with count, min, max and mean, and no
/// <c>readings</c>.
/// </summary>
public sealed record PointReadings(
    string Point, string Quantity, string Unit, double? LowLow, double? Low, double? High, double? HighHigh,
    DateTimeOffset From, DateTimeOffset To, bool Truncated, IReadOnlyList<ReadingPoint> Readings,
    string Resolution = ReadingResolutions.Raw, IReadOnlyList<ReadingBucket>? Buckets = null);

/// <summary>The resolutions a reading query answers in: every reading, or buckets of whole minutes from the roll-up.</summary>
public static class ReadingResolutions
{
    public const string Raw = "raw";

    public static readonly IReadOnlyDictionary<string, TimeSpan> Buckets = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
    {
        ["1m"] = TimeSpan.FromMinutes(1), ["5m"] = TimeSpan.FromMinutes(5), ["15m"] = TimeSpan.FromMinutes(15),
        ["1h"] = TimeSpan.FromHours(1), ["1d"] = TimeSpan.FromDays(1)
    };
}

public static class GetReadingsEndpoint
{
    public const int MaxReadings = 100_000;
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    /// <summary>
    /// Readings of a monitoring point in scope, oldest first; the last 24 hours unless <c>from</c>/<c>to</c> say
    /// otherwise. <c>resolution</c>: <c>raw</c> (default, every reading) or <c>1m</c>, <c>5m</c>, <c>15m</c>, <c>1h</c>,
    /// <c>1d</c> (buckets aligned to China time, from the per-minute roll-up: a day is at most 1,440 rows).
    /// </summary>
    [Authorize]
    [WolverineGet("/api/monitoring-points/{code}/readings", OperationId = "GetReadings")]
    public static async Task<PointReadings> Get(string code, DateTimeOffset? from, DateTimeOffset? to, string? resolution, ClaimsPrincipal user,
        IQuerySession session, ReadingsTable table, TimeProvider clock, CancellationToken ct)
    {
        var stride = TimeSpan.Zero;
        if (resolution is not (null or ReadingResolutions.Raw) && !ReadingResolutions.Buckets.TryGetValue(resolution, out stride))
            throw ApiProblemException.Validation("resolution", ProblemLanguage.Say($"resolution 应为 raw、{string.Join("、", ReadingResolutions.Buckets.Keys)} 之一", $"resolution must be one of raw, {string.Join(", ", ReadingResolutions.Buckets.Keys)}"));
        var caller = Caller.From(user);
        var point = await session.LoadAsync<MonitoringPoint>(code, ct);
        if (point is null || !MajorHazardSourceAccess.Sees(caller, point.EnterpriseId, point.TownId, point.Domains))
            throw ApiProblemException.NotFound("监测点", "Monitoring point", code);

        var until = to ?? clock.GetUtcNow();
        var since = from ?? until.AddDays(-1);
        if (since >= until) throw ApiProblemException.Validation("from", ProblemLanguage.Say("from 应早于 to", "from must be before to"));
        if (until - since > MaxWindow) throw ApiProblemException.Validation("to", ProblemLanguage.Say("一次最多查询 31 天的读数", "At most 31 days of readings are read at once"));

        // Readings stay in the point's town's database (they are not events and are not copied): a district reader's
        // point is the district's copy, its readings are read where they were written.
        var database = await table.DatabaseOfAsync(point.TownId);
        if (stride > TimeSpan.Zero)
            return new PointReadings(point.Id, point.Quantity, point.Unit, point.LowLow, point.Low, point.High, point.HighHigh,
                since, until, false, [], resolution!, await ReadingsTable.ReadBucketsAsync(database, code, since, until, stride, ct));

        var rows = await ReadingsTable.ReadAsync(database, code, since, until, MaxReadings + 1, ct);
        var truncated = rows.Count > MaxReadings;
        return new PointReadings(point.Id, point.Quantity, point.Unit, point.LowLow, point.Low, point.High, point.HighHigh,
            since, until, truncated, rows.Take(MaxReadings).Select(r => new ReadingPoint(r.At, r.Value)).ToList());
    }
}
