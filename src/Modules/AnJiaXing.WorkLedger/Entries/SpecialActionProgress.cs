using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.WorkLedger.Entries;

/// <summary>
/// How far a special action has got, counted from what is linked to it: its inspection plans, the inspections of those
/// plans and those linked by hand, and the hazards those inspections raised plus those linked by hand — only what lies
/// within the action: started (an inspection) or found (a hazard) in its period (China time), in its towns (none named:
/// the action's own town, or anywhere for the district's) and of its domains (none named: any). A plan counts when its
/// period overlaps the action's and it covers one of the towns. <c>inspectionsOutside</c> and <c>hazardsOutside</c> say
/// how many linked ones were left out for lying outside.
/// </summary>
public sealed record SpecialActionProgress(
    Guid Id,
    string Title,
    int Plans,
    int Inspections,
    int InspectionsSubmitted,
    int Hazards,
    int HazardsClosed,
    double? InspectionCompletionRate,
    double? HazardClosureRate,
    int InspectionsOutside = 0,
    int HazardsOutside = 0);

public static class SpecialActionProgressEndpoint
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Authorize]
    [WolverineGet("/api/work-ledger/special-actions/{id}/progress", OperationId = "GetSpecialActionProgress")]
    public static async Task<SpecialActionProgress> Get(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var action = await session.LoadVisibleAsync(WorkLedgerKinds.RouteOf(WorkLedgerKind.SpecialAction), id, Caller.From(http.User), ct);
        var c = action.Content;
        var planIds = c.PlanIds.ToArray();
        var linkedInspections = c.InspectionIds.ToArray();
        // The work ledger's own copies, folded from the published events (SpecialActionLinksProjection).
        var plans = planIds.Length == 0 ? [] : await session.Query<LinkedPlan>().Where(p => p.Id.IsOneOf(planIds)).ToListAsync(ct);
        var inspections = planIds.Length + linkedInspections.Length == 0
            ? []
            : await session.Query<LinkedInspection>()
                .Where(i => i.Id.IsOneOf(linkedInspections) || (i.PlanId != null && i.PlanId.Value.IsOneOf(planIds)))
                .ToListAsync(ct);
        var inspectionIds = inspections.Select(i => i.Id).ToArray();
        var linkedHazards = c.HazardIds.ToArray();
        var hazards = linkedHazards.Length + inspectionIds.Length == 0
            ? []
            : await session.Query<LinkedHazard>()
                .Where(h => h.Id.IsOneOf(linkedHazards) || (h.InspectionId != null && h.InspectionId.Value.IsOneOf(inspectionIds)))
                .ToListAsync(ct);
        return Count(action, plans, inspections, hazards);
    }

    /// <summary>The narrowing and the figures, on what the links resolved to.</summary>
    public static SpecialActionProgress Count(WorkLedgerEntry action, IReadOnlyList<LinkedPlan> plans, IReadOnlyList<LinkedInspection> inspections,
        IReadOnlyList<LinkedHazard> hazards)
    {
        var c = action.Content;
        var towns = c.TownIds.Count > 0 ? c.TownIds.ToHashSet() : action.TownId is { } own ? [own] : null;
        var domains = c.Domains.Count > 0 ? c.Domains.ToHashSet() : null;
        bool InPeriod(DateTimeOffset at)
        {
            var day = DateOnly.FromDateTime(at.ToOffset(China).DateTime);
            return (c.From is not { } from || day >= from) && (c.To is not { } to || day <= to);
        }
        bool InTown(Guid town) => towns is null || towns.Contains(town);

        var plansWithin = plans.Count(p => (c.From is not { } from || p.PeriodEnd >= from) && (c.To is not { } to || p.PeriodStart <= to)
            && (towns is null || p.TownIds.Any(towns.Contains)));
        var within = inspections.Where(i => InPeriod(i.StartedAt) && InTown(i.TownId) && (domains is null || i.Domains.Any(domains.Contains))).ToList();
        var hazardsWithin = hazards.Where(h => InPeriod(h.FoundAt) && InTown(h.TownId) && (domains is null || domains.Contains(h.Domain))).ToList();

        var submitted = within.Count(i => i.Submitted);
        var closed = hazardsWithin.Count(h => h.Status == HazardStatus.Closed);
        return new SpecialActionProgress(action.Id, c.Title, plansWithin, within.Count, submitted, hazardsWithin.Count, closed,
            within.Count == 0 ? null : Math.Round((double)submitted / within.Count, 4),
            hazardsWithin.Count == 0 ? null : Math.Round((double)closed / hazardsWithin.Count, 4),
            inspections.Count - within.Count, hazards.Count - hazardsWithin.Count);
    }
}
