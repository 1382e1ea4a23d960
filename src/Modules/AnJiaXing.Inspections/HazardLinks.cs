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
    /// <summary>
    /// A checklist item asks (“……是否……”); the hazard it raises states what was found (“……未……”), followed by the
    /// inspector's notes. A free-text finding is already a finding.
    /// </summary>
    public static string Describe(InspectionItem item)
    {
        var finding = item.Content.Trim().TrimEnd('。', '？', '?', '；', ';');
        if (item.FromChecklist)
        {
            var question = finding.IndexOf("是否", StringComparison.Ordinal);
            finding = question >= 0 ? finding[..question] + "未" + finding[(question + 2)..] : "不符合：" + finding;
        }
        return item.Notes is { Length: > 0 } notes ? $"{finding}：{notes}" : finding;
    }

    public static RaiseHazardFromFinding MessageFor(Inspection r, InspectionItem item, Caller inspector, DateTimeOffset signedAt) => new(
        r.Id, item.Code, Inspection.HazardIdFor(r.Id, item.Code), r.EnterpriseId!.Value, Inspection.LevelFor(item), item.Category,
        Describe(item),
        item.FromChecklist ? item.Code : null, item.LegalBasis, item.Evidence,
        Inspection.SourceFor(r.Kind, inspector.Role), signedAt, inspector);
}
