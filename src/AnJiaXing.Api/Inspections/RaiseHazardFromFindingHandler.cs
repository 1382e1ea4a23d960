using AnJiaXing.Api.Hazards;
using AnJiaXing.Api.Organisations;
using JasperFx;
using JasperFx.Core;
using Marten;
using Marten.Exceptions;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace AnJiaXing.Api.Inspections;

/// <summary>
/// Reports the hazard of one finding and links it back to the inspection, in one transaction. A second delivery finds
/// the hazard's stream already there and does nothing; if two deliveries race, the loser's start of the same stream id
/// collides and is dropped — so a finding raises exactly one hazard however often the message arrives.
/// </summary>
public static class RaiseHazardFromFindingHandler
{
    public static void Configure(HandlerChain chain)
    {
        chain.OnException<ExistingStreamIdCollisionException>().Discard();
        // The link-back appends to the inspection stream, which sibling findings append to as well.
        chain.OnException<ConcurrencyException>().RetryWithCooldown(50.Milliseconds(), 200.Milliseconds(), 500.Milliseconds(), 1.Seconds());
    }

    public static async Task Handle(RaiseHazardFromFinding message, IDocumentSession session, CancellationToken ct)
    {
        if (await session.Events.FetchStreamStateAsync(message.HazardId, ct) is not null) return;

        var enterprise = await session.LoadAsync<Organisation>(message.EnterpriseId, ct)
                         ?? throw new InvalidOperationException($"Enterprise {message.EnterpriseId} of inspection {message.InspectionId} is gone.");
        var town = await session.LoadAsync<Organisation>(enterprise.TownId ?? Guid.Empty, ct)
                   ?? throw new InvalidOperationException($"Enterprise {enterprise.Id} has no town.");
        var inspection = await session.Events.FetchForWriting<InspectionRecord>(message.InspectionId, ct);

        var reported = Hazard.Report(message.HazardId, enterprise, town, null, message.Level, message.Category, message.Description,
            null, null, null, message.Source, message.InspectionId, message.ChecklistItemCode, message.LegalBasis, message.Evidence,
            message.FoundAt, message.Inspector);
        session.Events.StartStream<HazardView>(message.HazardId, reported);
        inspection.AppendOne(new InspectionHazardRaised(message.InspectionId, message.ItemCode, message.HazardId, message.Inspector.Actor));
    }
}
