using Marten;
using Marten.Exceptions;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace AnJiaXing.Hazards;

/// <summary>
/// Reports the hazard of one abnormal risk-patrol result (source RiskPatrol), like <see cref="RaiseHazardFromFindingHandler"/>
/// does for inspections: a second delivery finds the stream already there and does nothing; two racing deliveries collide
/// on the stream id and the loser is dropped — so an abnormal result raises exactly one hazard. A report the hazard rules
/// refuse now (the enterprise was disabled meanwhile) is logged and appends nothing.
/// </summary>
public static class RaiseHazardFromPatrolHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.OnException<ExistingStreamIdCollisionException>().Discard();

    public static async Task Handle(RaiseHazardFromPatrol message, IDocumentSession session, ILogger<RaiseHazardFromPatrol> logger, CancellationToken ct)
    {
        if (await session.Events.FetchStreamStateAsync(message.HazardId, ct) is not null) return;

        var enterprise = await session.LoadAsync<Organisation>(message.EnterpriseId, ct)
                         ?? throw new InvalidOperationException($"Enterprise {message.EnterpriseId} of patrol {message.PatrolId} is gone.");
        var town = await session.LoadAsync<Organisation>(enterprise.TownId ?? Guid.Empty, ct)
                   ?? throw new InvalidOperationException($"Enterprise {enterprise.Id} has no town.");
        var domain = enterprise.Domains.Count == 0 || enterprise.Domains.Contains(message.Domain) ? message.Domain : (IndustryDomain?)null;
        try
        {
            var reported = Hazard.Report(message.HazardId, enterprise, town, domain, HazardLevel.General, HazardCategory.Other,
                message.Description, message.Location, null, null, HazardSource.RiskPatrol, null, null, null, message.Evidence,
                message.FoundAt, message.Patroller);
            session.Events.StartStream<HazardView>(message.HazardId, reported);
        }
        catch (ApiProblemException refused)
        {
            logger.LogWarning("Hazard of patrol {PatrolId} item {Item} refused: {Reason}", message.PatrolId, message.Item, refused.Detail);
        }
    }
}
