using JasperFx;
using JasperFx.Core;
using Marten;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace AnJiaXing.Inspections;

/// <summary>
/// Links a raised hazard back to its inspection once the Hazards module reports it (<see cref="HazardRaisedFromFinding"/>).
/// Sibling findings link to the same inspection stream, so a version race is retried; a link already there is not repeated.
/// </summary>
public static class HazardRaisedFromFindingHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.OnException<ConcurrencyException>().RetryWithCooldown(50.Milliseconds(), 200.Milliseconds(), 500.Milliseconds(), 1.Seconds());

    public static async Task Handle(HazardRaisedFromFinding raised, IDocumentSession session, CancellationToken ct)
    {
        var inspection = await session.Events.FetchForWriting<Inspection>(raised.InspectionId, ct);
        if (inspection.Aggregate is not { } record || record.RaisedHazardIds.Contains(raised.HazardId)) return;
        inspection.AppendOne(new InspectionHazardRaised(raised.InspectionId, raised.ItemCode, raised.HazardId, raised.By));
    }
}

/// <summary>The message a finding of a signed inspection sends to the Hazards module.</summary>
public static class InspectionFindings
{
    public static RaiseHazardFromFinding MessageFor(Inspection r, InspectionItem item, Caller inspector, DateTimeOffset signedAt) => new(
        r.Id, item.Code, Inspection.HazardIdFor(r.Id, item.Code), r.EnterpriseId!.Value, Inspection.LevelFor(item), item.Category,
        item.Notes is null ? item.Content : $"{item.Content}（{item.Notes}）",
        item.FromChecklist ? item.Code : null, item.LegalBasis, item.Evidence,
        Inspection.SourceFor(r.Kind, inspector.Role), signedAt, inspector);
}
