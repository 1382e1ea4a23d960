using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Statistics;

/// <summary>Every answer names the scope and period its figures cover.</summary>
public sealed record StatisticsAnswer<T>(object Scope, object Period, T Figures);

/// <summary>
/// One endpoint per dashboard panel, each answered from read models for the caller's scope (see
/// <see cref="StatisticsScope"/>). Query: <c>townId</c> (district-wide callers), <c>from</c>/<c>to</c> or <c>month</c>.
/// </summary>
public static class StatisticsEndpoints
{
    private static StatisticsAnswer<T> Answer<T>(StatisticsReport r, T figures) => new(r.Scope.Describe(), r.Period.Describe(), figures);

    [Authorize]
    [WolverineGet("/api/stats/overview", OperationId = "StatsOverview")]
    public static async Task<StatisticsAnswer<OverviewPanel>> Overview(ClaimsPrincipal user, IQuerySession session, TimeProvider clock,
        Guid? townId, string? from, string? to, string? month, CancellationToken ct)
    {
        var r = await StatisticsReport.LoadAsync(user, townId, from, to, month, session, clock, ct);
        return Answer(r, await r.OverviewAsync(ct));
    }

    [Authorize]
    [WolverineGet("/api/stats/users", OperationId = "StatsUsers")]
    public static async Task<StatisticsAnswer<UsersPanel>> Users(ClaimsPrincipal user, IQuerySession session, TimeProvider clock,
        Guid? townId, string? from, string? to, string? month, CancellationToken ct)
    {
        var r = await StatisticsReport.LoadAsync(user, townId, from, to, month, session, clock, ct);
        return Answer(r, await r.UsersAsync(ct));
    }

    [Authorize]
    [WolverineGet("/api/stats/hazards", OperationId = "StatsHazards")]
    public static async Task<StatisticsAnswer<HazardsPanel>> Hazards(ClaimsPrincipal user, IQuerySession session, TimeProvider clock,
        Guid? townId, string? from, string? to, string? month, CancellationToken ct)
    {
        var r = await StatisticsReport.LoadAsync(user, townId, from, to, month, session, clock, ct);
        return Answer(r, await r.HazardsAsync(ct));
    }

    [Authorize]
    [WolverineGet("/api/stats/sources", OperationId = "StatsSources")]
    public static async Task<StatisticsAnswer<SourcesPanel>> Sources(ClaimsPrincipal user, IQuerySession session, TimeProvider clock,
        Guid? townId, string? from, string? to, string? month, CancellationToken ct)
    {
        var r = await StatisticsReport.LoadAsync(user, townId, from, to, month, session, clock, ct);
        return Answer(r, r.Sources());
    }

    [Authorize]
    [WolverineGet("/api/stats/trend", OperationId = "StatsTrend")]
    public static async Task<StatisticsAnswer<TrendPanel>> Trend(ClaimsPrincipal user, IQuerySession session, TimeProvider clock,
        Guid? townId, string? from, string? to, string? month, string? granularity, CancellationToken ct)
    {
        if (granularity is not (null or "day" or "month")) throw ApiProblemException.Validation("granularity", ProblemLanguage.Say("granularity 须为 day 或 month。", "granularity is day or month."));
        // Without a period, the last twelve months; by default a point per day up to two months, else per month.
        var r = await StatisticsReport.LoadAsync(user, townId, from, to, month, session, clock, ct, defaultMonths: 12);
        var g = granularity ?? (r.Period.To.DayNumber - r.Period.From.DayNumber < 62 ? "day" : "month");
        return Answer(r, r.Trend(g));
    }

    [Authorize]
    [WolverineGet("/api/stats/inspections", OperationId = "StatsInspections")]
    public static async Task<StatisticsAnswer<InspectionsPanel>> Inspections(ClaimsPrincipal user, IQuerySession session, TimeProvider clock,
        Guid? townId, string? from, string? to, string? month, CancellationToken ct)
    {
        var r = await StatisticsReport.LoadAsync(user, townId, from, to, month, session, clock, ct);
        return Answer(r, r.Inspections());
    }

    [Authorize]
    [WolverineGet("/api/stats/risk-points", OperationId = "StatsRiskPoints")]
    public static async Task<StatisticsAnswer<RiskPointsPanel>> RiskPoints(ClaimsPrincipal user, IQuerySession session, TimeProvider clock,
        Guid? townId, string? from, string? to, string? month, CancellationToken ct)
    {
        var r = await StatisticsReport.LoadAsync(user, townId, from, to, month, session, clock, ct);
        return Answer(r, await r.RiskPointsAsync(ct));
    }

    [Authorize]
    [WolverineGet("/api/stats/patrols", OperationId = "StatsPatrols")]
    public static async Task<StatisticsAnswer<PatrolsPanel>> Patrols(ClaimsPrincipal user, IQuerySession session, TimeProvider clock,
        Guid? townId, string? from, string? to, string? month, CancellationToken ct)
    {
        var r = await StatisticsReport.LoadAsync(user, townId, from, to, month, session, clock, ct);
        return Answer(r, await r.PatrolsAsync(ct));
    }

    [Authorize]
    [WolverineGet("/api/stats/assessment", OperationId = "StatsAssessment")]
    public static async Task<StatisticsAnswer<AssessmentFigures>> Assessment(ClaimsPrincipal user, IQuerySession session, TimeProvider clock,
        Guid? townId, string? from, string? to, string? month, CancellationToken ct)
    {
        var r = await StatisticsReport.LoadAsync(user, townId, from, to, month, session, clock, ct);
        return Answer(r, await r.AssessmentAsync(ct));
    }
}
