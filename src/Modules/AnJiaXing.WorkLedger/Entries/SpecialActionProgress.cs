using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.WorkLedger.Entries;

/// <summary>
/// How far a special action has got, counted from what is linked to it: its inspection plans, the inspections of those
/// plans and those linked by hand, and the hazards those inspections raised plus those linked by hand.
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
    double? HazardClosureRate);

public static class SpecialActionProgressEndpoint
{
    [Authorize]
    [WolverineGet("/api/work-ledger/special-actions/{id}/progress", OperationId = "GetSpecialActionProgress")]
    public static async Task<SpecialActionProgress> Get(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var action = await session.LoadVisibleAsync(WorkLedgerKinds.RouteOf(WorkLedgerKind.SpecialAction), id, Caller.From(http.User), ct);
        var c = action.Content;
        var planIds = c.PlanIds.ToArray();
        var linkedInspections = c.InspectionIds.ToArray();
        // Read models other modules publish (Inspections' InspectionRecord, Hazards' HazardView); never written here.
        var inspections = planIds.Length + linkedInspections.Length == 0
            ? []
            : await session.Query<InspectionRecord>()
                .Where(i => i.Id.IsOneOf(linkedInspections) || (i.PlanId != null && i.PlanId.Value.IsOneOf(planIds)))
                .ToListAsync(ct);
        var inspectionIds = inspections.Select(i => i.Id).ToArray();
        var hazardIds = inspections.SelectMany(i => i.RaisedHazardIds).Concat(c.HazardIds).Distinct().ToArray();
        var hazards = hazardIds.Length == 0 && inspectionIds.Length == 0
            ? []
            : await session.Query<HazardView>()
                .Where(h => h.Id.IsOneOf(hazardIds) || (h.InspectionId != null && h.InspectionId.Value.IsOneOf(inspectionIds)))
                .Select(h => new { h.Id, h.Status })
                .ToListAsync(ct);

        var submitted = inspections.Count(i => i.Status == InspectionStatus.Submitted);
        var closed = hazards.Count(h => h.Status == HazardStatus.Closed);
        return new SpecialActionProgress(id, c.Title, planIds.Length, inspections.Count, submitted, hazards.Count, closed,
            inspections.Count == 0 ? null : Math.Round((double)submitted / inspections.Count, 4),
            hazards.Count == 0 ? null : Math.Round((double)closed / hazards.Count, 4));
    }
}
