using System.Linq.Expressions;
using Marten;

namespace AnJiaXing.Statistics;

public enum StatisticsScopeKind
{
    District,
    Town,
    Domains,
    Enterprise
}

/// <summary>
/// The part of the district a statistics request covers, decided from the caller's <see cref="AccessScope"/>:
/// the district (district admins and auditors; or one town they pick), their town (town staff, third-party
/// inspectors), their industry domains (departments) or their own enterprise (enterprise users). Asking for a
/// town outside one's scope is refused (403). Names the <see cref="ScopeStatistics"/> documents to read and the
/// filters for the few figures read from other read models (overdue hazards, accounts, enterprises).
/// </summary>
public sealed record StatisticsScope(StatisticsScopeKind Kind, Guid? Id, string Name, IReadOnlyList<IndustryDomain> Domains)
{
    public static async Task<StatisticsScope> ResolveAsync(Caller caller, Guid? townId, IQuerySession session, CancellationToken ct)
    {
        var scope = caller.Scope;
        if (scope.IsDistrictWide)
        {
            if (townId is not { } t) return new(StatisticsScopeKind.District, null, "全区", []);
            var town = await session.LoadAsync<Organisation>(t, ct);
            if (town is null || town.Kind != OrganisationKind.Town) throw ApiProblemException.NotFound(Noun.Town, t);
            return new(StatisticsScopeKind.Town, t, town.Name, []);
        }

        switch (caller.Role)
        {
            case Role.TownSupervisor or Role.ThirdPartyInspector when caller.TownId is { } own:
                if (townId is { } other && other != own)
                    throw ApiProblemException.Forbidden(ProblemLanguage.Say("街镇人员只能查看本街镇的统计。", "Town staff see the statistics of their own town only."));
                return new(StatisticsScopeKind.Town, own, caller.OrganisationName, []);
            case Role.DepartmentOfficer:
                if (townId is not null)
                    throw ApiProblemException.Forbidden(ProblemLanguage.Say("部门查看全区本行业领域的统计，不能指定街镇。", "A department sees the statistics of its industry domains, district-wide; it picks no town."));
                return new(StatisticsScopeKind.Domains, caller.OrganisationId, caller.OrganisationName, caller.Domains);
            case Role.EnterpriseUser when caller.EnterpriseId is { } enterprise:
                if (townId is not null)
                    throw ApiProblemException.Forbidden(ProblemLanguage.Say("企业只能查看自身的统计。", "An enterprise sees its own statistics only."));
                return new(StatisticsScopeKind.Enterprise, enterprise, caller.OrganisationName, []);
            default:
                throw ApiProblemException.Forbidden(ProblemLanguage.Say("您的角色没有统计查看范围。", "Your role has no statistics scope."));
        }
    }

    public IReadOnlyList<string> DocumentIds => Kind switch
    {
        StatisticsScopeKind.District => [StatisticsScopes.District],
        StatisticsScopeKind.Town => [StatisticsScopes.Town(Id!.Value)],
        StatisticsScopeKind.Enterprise => [StatisticsScopes.Enterprise(Id!.Value)],
        _ => Domains.Distinct().Select(StatisticsScopes.Domain).ToList()
    };

    /// <summary>The scope's statistics; a department's domains are added up (a hazard has exactly one domain).</summary>
    public async Task<ScopeStatistics> LoadAsync(IQuerySession session, CancellationToken ct)
    {
        var docs = await session.LoadManyAsync<ScopeStatistics>(ct, DocumentIds);
        return docs.Count == 1 ? docs[0] : ScopeStatisticsSum.Of(docs);
    }

    /// <summary>The statistics scope as the platform's scope rule, so its figures are filtered the way searches are.</summary>
    public ScopeConstraint Constraint => Kind switch
    {
        StatisticsScopeKind.Town => new ScopeConstraint(ScopeKind.Town, Id),
        StatisticsScopeKind.Enterprise => new ScopeConstraint(ScopeKind.Enterprise, Id),
        StatisticsScopeKind.Domains => new ScopeConstraint(ScopeKind.Domains, Domains: Domains),
        _ => ScopeConstraint.Everything
    };

    public IQueryable<HazardView> Hazards(IQuerySession session) => session.Query<HazardView>().InScope(Constraint,
        nameof(HazardView.EnterpriseId), nameof(HazardView.TownId), domain: nameof(HazardView.Domain));

    /// <summary>
    /// Overdue (逾期) depends on the clock: deadline days before today come from the statistics; deadlines earlier
    /// today are counted on HazardView's deadline index (a range of one day).
    /// </summary>
    public async Task<int> CountOverdueAsync(ScopeStatistics stats, IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        var today = StatisticsCalendar.DayOf(now);
        var todayKey = StatisticsCalendar.Key(today);
        var beforeToday = stats.DeadlineDays.Where(d => string.CompareOrdinal(d.Key, todayKey) < 0).Sum(d => d.Value);
        var startOfToday = StatisticsCalendar.StartOf(today);
        var earlierToday = await Hazards(session)
            .Where(h => h.Deadline >= startOfToday && h.Deadline < now && h.Status.IsOneOf(HazardLifecycle.OverdueStatuses))
            .CountAsync(ct);
        return beforeToday + earlierToday;
    }

    /// <summary>The enabled enterprises of the scope.</summary>
    public async Task<IReadOnlyList<Organisation>> EnterprisesAsync(IQuerySession session, CancellationToken ct)
    {
        return await session.Query<Organisation>().Where(o => o.Kind == OrganisationKind.Enterprise && o.Enabled)
            .InScope(Constraint, nameof(Organisation.Id), nameof(Organisation.TownId), domains: nameof(Organisation.Domains))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The enabled accounts the scope's user figures count: all (district); the town's staff and its enterprises'
    /// users (town); the department's own staff and the users of enterprises in its domains (department);
    /// the enterprise's users (enterprise).
    /// </summary>
    public async Task<IReadOnlyList<Person>> AccountsAsync(IQuerySession session, CancellationToken ct)
    {
        var q = session.Query<Person>().Where(a => a.Enabled);
        var id = Id.GetValueOrDefault();
        switch (Kind)
        {
            case StatisticsScopeKind.Town:
                return await q.Where(a => a.TownId == id).ToListAsync(ct);
            case StatisticsScopeKind.Enterprise:
                return await q.Where(a => a.OrganisationId == id).ToListAsync(ct);
            case StatisticsScopeKind.Domains:
                var enterprises = (await EnterprisesAsync(session, ct)).Select(o => o.Id).Append(id).ToArray();
                return await q.Where(a => a.OrganisationId.IsOneOf(enterprises)).ToListAsync(ct);
            default:
                return await q.ToListAsync(ct);
        }
    }

    public object Describe() => new { kind = Kind, id = Id, name = Name, domains = Domains };
}

internal static class ScopeStatisticsSum
{
    public static ScopeStatistics Of(IEnumerable<ScopeStatistics> parts)
    {
        var sum = new ScopeStatistics { Id = "sum" };
        foreach (var p in parts)
        {
            sum.Hazards += p.Hazards;
            sum.OpenHazards += p.OpenHazards;
            Merge(sum.ByLevel, p.ByLevel);
            Merge(sum.OpenByLevel, p.OpenByLevel);
            Merge(sum.ByStatus, p.ByStatus);
            Merge(sum.BySource, p.BySource);
            Merge(sum.DeadlineDays, p.DeadlineDays);
            foreach (var (day, figures) in p.Days)
            {
                if (!sum.Days.TryGetValue(day, out var total)) sum.Days[day] = total = new DayFigures();
                figures.AddTo(total);
            }
            Merge(sum.Inspections.ByMonth, p.Inspections.ByMonth);
            Merge(sum.Inspections.ByKind, p.Inspections.ByKind);
            Merge(sum.Inspections.HazardsRaisedByMonth, p.Inspections.HazardsRaisedByMonth);
            foreach (var (day, figures) in p.Inspections.Days)
            {
                if (!sum.Inspections.Days.TryGetValue(day, out var total)) sum.Inspections.Days[day] = total = new InspectionDay();
                total.Inspections += figures.Inspections;
                total.HazardsRaised += figures.HazardsRaised;
                Merge(total.ByKind, figures.ByKind);
            }
            sum.Inspections.Plans += p.Inspections.Plans;
            sum.Inspections.PlannedInspections += p.Inspections.PlannedInspections;
            sum.Inspections.CompletedInspections += p.Inspections.CompletedInspections;
        }
        return sum;
    }

    private static void Merge<TKey>(Dictionary<TKey, int> into, Dictionary<TKey, int> from) where TKey : notnull
    {
        foreach (var (k, v) in from) into[k] = into.GetValueOrDefault(k) + v;
    }
}
