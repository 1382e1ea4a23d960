using JasperFx.Core;
using Marten;
using Marten.Exceptions;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace AnJiaXing.Hazards;

/// <summary>
/// Reports the hazard of one city dispatch (source CityOpsDispatch), like <see cref="RaiseHazardFromPatrolHandler"/>: a second
/// delivery finds the stream already there and does nothing; racing deliveries collide on the stream id and the loser is
/// dropped. The reporter is the city operations platform, acting with district authority. A report the hazard rules
/// refuse now (the enterprise was disabled) is logged and appends nothing.
/// </summary>
public static class RaiseHazardFromDispatchHandler
{
    /// <summary>The city operations platform as the reporting party of a dispatched hazard.</summary>
    public static readonly Caller CityPlatform = new(Guid.Empty, "city-ops", "一网统管", Role.DistrictAdmin, Guid.Empty,
        "城市运行管理平台（一网统管）", OrganisationKind.District, null, null, []);

    public static void Configure(HandlerChain chain)
    {
        chain.OnException<ExistingStreamIdCollisionException>().Discard();
        // With town databases (ADR 0030) an enterprise registered a moment ago may not be copied into its town's yet:
        // the command waits for the registry's copy (well under a second) instead of failing into the dead letters.
        chain.OnException<EnterpriseNotHereYetException>()
            .RetryWithCooldown(250.Milliseconds(), 1.Seconds(), 3.Seconds())
            .Then.ScheduleRetry(15.Seconds(), 1.Minutes(), 5.Minutes());
    }

    public static async Task Handle(RaiseHazardFromDispatch message, IDocumentSession session, ILogger<RaiseHazardFromDispatch> logger, CancellationToken ct)
    {
        if (await session.Events.FetchStreamStateAsync(message.HazardId, ct) is not null) return;

        var enterprise = await session.LoadAsync<Organisation>(message.EnterpriseId, ct)
                         ?? throw new EnterpriseNotHereYetException($"Enterprise {message.EnterpriseId} of dispatch {message.DispatchId} is not in this database (yet).");
        var town = await session.LoadAsync<Organisation>(enterprise.TownId ?? Guid.Empty, ct)
                   ?? throw new EnterpriseNotHereYetException($"The town of enterprise {enterprise.Id} is not in this database (yet).");
        try
        {
            var reported = Hazard.Report(message.HazardId, enterprise, town, null, message.Level, message.Category,
                message.Description, message.Location, null, null, HazardSource.CityOpsDispatch, null, null, null, [],
                message.DispatchedAt, CityPlatform);
            session.Events.StartStream<HazardView>(message.HazardId, reported);
        }
        catch (ApiProblemException refused)
        {
            logger.LogWarning("Hazard of city dispatch {DispatchId} refused: {Reason}", message.DispatchId, refused.Detail);
        }
    }
}

/// <summary>The organisation a command names is not in the database that handles it: retried, it arrives with the copy.</summary>
public sealed class EnterpriseNotHereYetException(string message) : Exception(message);
