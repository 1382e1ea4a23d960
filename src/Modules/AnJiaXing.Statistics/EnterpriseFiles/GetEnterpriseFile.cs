using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Statistics.EnterpriseFiles;

/// <summary>
/// The enterprise's risk points (风险点) by colour (Red 重大, Orange 较大, Yellow 一般, Blue 低), counted on the Risk control
/// module's published <see cref="RiskPointView"/> like the dashboard's panel; <c>patrols</c> the completion of its risk
/// patrols this month so far (windows closed since the 1st, China time).
/// </summary>
public sealed record RiskPointsSlot(bool Available, int Total, IReadOnlyDictionary<string, int> ByLevel, string Note, PatrolsPanel Patrols)
{
    public static RiskPointsSlot From(RiskPointCounts counts, PatrolCompletion patrols) => new(true, counts.Total,
        RiskLevels.All.ToDictionary(l => l.Colour(), l => counts.ByLevel.GetValueOrDefault(l)),
        "红色=重大风险 橙色=较大风险 黄色=一般风险 蓝色=低风险", PatrolsPanel.From(patrols));
}

/// <summary>
/// The enterprise file (一企一档): basic data, composite score, hazard figures, risk points, and the monitoring
/// figures (open alarms, expiring equipment and certificates, major hazard sources by grade) the Monitoring module
/// answers for the enterprise.
/// </summary>
public sealed record EnterpriseFileResponse(
    Guid Id,
    EnterpriseBasics Basic,
    CompositeScore CompositeScore,
    EnterpriseHazardFigures Hazards,
    RiskPointsSlot RiskPoints,
    DateTimeOffset AsOf,
    MonitoringFigures? Monitoring = null);

public static class GetEnterpriseFileEndpoint
{
    /// <summary>
    /// Composed from projections (the registry's <see cref="EnterpriseFile"/>, the enterprise's
    /// <see cref="HazardLedgerLine"/>s, the risk points' <see cref="RiskPointView"/>), never from events; overdue counts against the clock.
    /// </summary>
    [Authorize]
    [WolverineGet("/api/enterprises/{id}/file", OperationId = "GetEnterpriseFile")]
    public static async Task<EnterpriseFileResponse> Get(Guid id, ClaimsPrincipal user, IQuerySession session,
        TimeProvider clock, Wolverine.IMessageBus bus, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var fileQuery = batch.Load<EnterpriseFile>(id);
        var linesQuery = batch.Query<HazardLedgerLine>().Where(l => l.EnterpriseId == id).ToList();
        await batch.Execute(ct);
        var file = await fileQuery ?? throw ApiProblemException.NotFound(Noun.Enterprise, id);
        Caller.From(user).Scope.HideUnlessCoversEnterprise(id, file.Basic.TownId, file.Basic.Domains, Noun.Enterprise);

        var now = clock.GetUtcNow();
        var (hazards, score) = EnterpriseHazardFigures.Compute(EnterpriseHazardLedger.Of(id, await linesQuery), now);
        // The enterprise's own points: the file is already in the caller's scope, so no further narrowing.
        var risk = await RiskPointCounts.CountAsync(session, ScopeConstraint.Everything, id, ct);
        var today = StatisticsCalendar.DayOf(now);
        var patrols = await PatrolOccurrences.CompletionAsync(session, ScopeConstraint.Everything, id,
            StatisticsCalendar.StartOf(new DateOnly(today.Year, today.Month, 1)), StatisticsCalendar.StartOf(today.AddDays(1)), now, ct);
        var monitoring = await bus.InvokeAsync<MonitoringFigures>(new CountMonitoringFigures(ScopeConstraint.Everything, EnterpriseId: id), ct);
        return new EnterpriseFileResponse(id, file.Basic, score, hazards, RiskPointsSlot.From(risk, patrols), now, monitoring);
    }
}
