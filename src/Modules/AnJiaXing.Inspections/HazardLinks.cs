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
    /// What the raised hazard says: the checklist item's own finding (“未制定…”) where it has one, else its question
    /// (“……是否……”) turned into what was found (“……未……”; “是否未设在” into “设在”, “是否仍在使用” into “仍在使用”),
    /// followed by the inspector's notes. A free-text finding is already a finding.
    /// </summary>
    public static string Describe(InspectionItem item, string? finding = null)
    {
        var found = (finding ?? item.Content).Trim().TrimEnd('。', '？', '?', '；', ';');
        if (item.FromChecklist && string.IsNullOrWhiteSpace(finding))
        {
            var question = found.IndexOf("是否", StringComparison.Ordinal);
            if (question < 0) found = "不符合：" + found;
            else
            {
                var rest = found[(question + 2)..];
                // A question that asks after a breach already names it: found NonCompliant, the breach is what was found.
                var negated = rest.StartsWith('未') || rest.StartsWith('不') ? rest[1..]
                    : rest.StartsWith('仍') || rest.StartsWith("存在", StringComparison.Ordinal) || rest.StartsWith("出现", StringComparison.Ordinal) ? rest
                    : "未" + rest;
                found = found[..question] + negated;
            }
        }
        return item.Notes is { Length: > 0 } notes ? $"{found}：{notes}" : found;
    }

    /// <param name="pinned">The checklist version the inspection pinned, for the items' findings (null for a free-text inspection).</param>
    public static RaiseHazardFromFinding MessageFor(Inspection r, InspectionItem item, Checklist? pinned, Caller inspector, DateTimeOffset signedAt) => new(
        r.Id, item.Code, Inspection.HazardIdFor(r.Id, item.Code), r.EnterpriseId!.Value, Inspection.LevelFor(item), item.Category,
        Describe(item, item.FromChecklist ? pinned?.FindItem(item.Code)?.Finding : null),
        item.FromChecklist ? item.Code : null, item.LegalBasis, item.Evidence,
        Inspection.SourceFor(r.Kind, inspector.Role), signedAt, inspector);
}
