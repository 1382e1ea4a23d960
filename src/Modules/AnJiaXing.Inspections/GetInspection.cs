using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Inspections;

/// <summary>A hazard an inspection raised, as its record shows it now.</summary>

public static class GetInspectionEndpoint
{
    [Authorize]
    [WolverineGet("/api/inspections/{id}", OperationId = "GetInspection")]
    /// <summary>The full record: every item with its evidence, and the hazards its findings raised as they stand now.</summary>
    public static async Task<InspectionRecord> Get(Guid id, ClaimsPrincipal user, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var record = await session.LoadAsync<InspectionRecord>(id, ct) ?? throw ApiProblemException.NotFound("检查记录", "Inspection", id);
        if (!InspectionAccess.Sees(Caller.From(user), record)) throw ApiProblemException.NotFound("检查记录", "Inspection", id);

        var hazards = record.RaisedHazardIds.Count == 0 ? [] : await session.LoadManyAsync<HazardView>(ct, record.RaisedHazardIds);
        var byId = hazards.ToDictionary(h => h.Id);
        record.Hazards = record.RaisedHazards.Where(r => byId.ContainsKey(r.HazardId))
            .Select(r => byId[r.HazardId] is var h ? new RaisedHazardSummary(h.Id, r.ItemCode, h.Level, h.Status, h.Source, h.Description) : null!)
            .ToList();
        var linked = record.RaisedHazards.Select(r => r.ItemCode).ToHashSet();
        record.PendingHazards = record.Findings.Where(code => !linked.Contains(code))
            .Select(code => new PendingHazard(code, Inspection.HazardIdFor(id, code))).ToList();
        http.AnswerVersion(record.Version);
        return record;
    }
}
