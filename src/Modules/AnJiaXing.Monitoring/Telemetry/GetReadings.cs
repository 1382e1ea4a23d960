using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Monitoring.Telemetry;

public sealed record ReadingPoint(DateTimeOffset At, double Value);

/// <summary>A point's stored readings in <c>[from, to)</c>, with its unit and thresholds.</summary>
public sealed record PointReadings(
    string Point, string Quantity, string Unit, double? LowLow, double? Low, double? High, double? HighHigh,
    DateTimeOffset From, DateTimeOffset To, bool Truncated, IReadOnlyList<ReadingPoint> Readings);

public static class GetReadingsEndpoint
{
    public const int MaxReadings = 100_000;
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    /// <summary>Readings of a monitoring point in scope, oldest first; the last 24 hours unless <c>from</c>/<c>to</c> say otherwise.</summary>
    [Authorize]
    [WolverineGet("/api/monitoring-points/{code}/readings", OperationId = "GetReadings")]
    public static async Task<PointReadings> Get(string code, DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal user,
        IQuerySession session, ReadingsTable table, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var point = await session.LoadAsync<MonitoringPoint>(code, ct);
        if (point is null || !MajorHazardSourceAccess.Sees(caller, point.EnterpriseId, point.TownId, point.Domains))
            throw ApiProblemException.NotFound("MonitoringPoint", code);

        var until = to ?? clock.GetUtcNow();
        var since = from ?? until.AddDays(-1);
        if (since >= until) throw ApiProblemException.Validation("from", "from 应早于 to");
        if (until - since > MaxWindow) throw ApiProblemException.Validation("to", "一次最多查询 31 天的读数");

        var rows = await table.ReadAsync(code, since, until, MaxReadings + 1, ct);
        var truncated = rows.Count > MaxReadings;
        return new PointReadings(point.Id, point.Quantity, point.Unit, point.LowLow, point.Low, point.High, point.HighHigh,
            since, until, truncated, rows.Take(MaxReadings).Select(r => new ReadingPoint(r.At, r.Value)).ToList());
    }
}
