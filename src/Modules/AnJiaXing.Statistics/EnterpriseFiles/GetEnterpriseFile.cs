using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Statistics.EnterpriseFiles;

/// <summary>Risk points (风险点) come with risk control; until then the file shows an empty, labelled slot.</summary>
public sealed record RiskPointsSlot(bool Available, int Total, IReadOnlyDictionary<string, int> ByLevel, string Note)
{
    public static readonly RiskPointsSlot NotYetAvailable = new(false, 0, new Dictionary<string, int>
    {
        ["Red"] = 0, ["Orange"] = 0, ["Yellow"] = 0, ["Blue"] = 0
    }, "风险管控模块尚未启用 (risk control is not available yet)");
}

/// <summary>The enterprise file (一企一档): basic data, composite score, hazard figures, risk points.</summary>
public sealed record EnterpriseFileResponse(
    Guid Id,
    EnterpriseBasics Basic,
    CompositeScore CompositeScore,
    EnterpriseHazardFigures Hazards,
    RiskPointsSlot RiskPoints,
    DateTimeOffset AsOf);

public static class GetEnterpriseFileEndpoint
{
    /// <summary>
    /// Composed from two projections (the registry's <see cref="EnterpriseFile"/> and the hazard ledger's
    /// <see cref="EnterpriseHazardLedger"/>), never from events; overdue counts against the clock.
    /// </summary>
    [Authorize]
    [WolverineGet("/api/enterprises/{id}/file", OperationId = "GetEnterpriseFile")]
    public static async Task<EnterpriseFileResponse> Get(Guid id, ClaimsPrincipal user, IQuerySession session,
        TimeProvider clock, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var fileQuery = batch.Load<EnterpriseFile>(id);
        var ledgerQuery = batch.Load<EnterpriseHazardLedger>(id);
        await batch.Execute(ct);
        var file = await fileQuery ?? throw ApiProblemException.NotFound("Enterprise", id);
        Caller.From(user).Scope.HideUnlessCoversEnterprise(id, file.Basic.TownId, file.Basic.Domains, "Enterprise");

        var now = clock.GetUtcNow();
        var (hazards, score) = EnterpriseHazardFigures.Compute(await ledgerQuery, now);
        return new EnterpriseFileResponse(id, file.Basic, score, hazards, RiskPointsSlot.NotYetAvailable, now);
    }
}
