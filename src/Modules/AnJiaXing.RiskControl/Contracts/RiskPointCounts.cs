using Marten;

namespace AnJiaXing.RiskControl.Contracts;

/// <summary>
/// Risk points by level (风险点数量统计) within a scope: what the dashboard's panel, <c>GET /api/stats/risk-points</c> and the
/// enterprise file's risk slot show, all counted on <see cref="RiskPointView"/> with the platform's scope rule.
/// </summary>
public sealed record RiskPointCounts(int Total, IReadOnlyDictionary<RiskLevel, int> ByLevel, int Public)
{
    public static async Task<RiskPointCounts> CountAsync(IQuerySession session, ScopeConstraint scope, Guid? enterpriseId, CancellationToken ct)
    {
        var query = session.Query<RiskPointView>().InScope(scope,
            nameof(RiskPointView.EnterpriseId), nameof(RiskPointView.TownId), domain: nameof(RiskPointView.Domain));
        if (enterpriseId is { } e) query = query.Where(p => p.EnterpriseId == e);
        var points = await query.Select(p => new { p.Level, p.Public }).ToListAsync(ct);
        return new RiskPointCounts(points.Count,
            RiskLevels.All.ToDictionary(l => l, l => points.Count(p => p.Level == l)),
            points.Count(p => p.Public));
    }
}
