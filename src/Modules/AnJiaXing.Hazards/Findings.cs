using JasperFx;
using JasperFx.Core;
using Marten;
using Marten.Exceptions;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace AnJiaXing.Hazards;

/// <summary>
/// Reports the hazard of one inspection finding and answers <see cref="HazardRaisedFromFinding"/> (through the outbox,
/// in the same transaction) so the Inspections module links it. A second delivery finds the stream already there and
/// only answers again; if two deliveries race, the loser's start of the same stream id collides and is dropped — so a
/// finding raises exactly one hazard however often the message arrives.
/// </summary>
public static class RaiseHazardFromFindingHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.OnException<ExistingStreamIdCollisionException>().Discard();

    public static async Task<HazardRaisedFromFinding> Handle(RaiseHazardFromFinding message, IDocumentSession session, CancellationToken ct)
    {
        var answer = new HazardRaisedFromFinding(message.InspectionId, message.ItemCode, message.HazardId, message.Inspector.Actor);
        if (await session.Events.FetchStreamStateAsync(message.HazardId, ct) is not null) return answer;

        var enterprise = await session.LoadAsync<Organisation>(message.EnterpriseId, ct)
                         ?? throw new InvalidOperationException($"Enterprise {message.EnterpriseId} of inspection {message.InspectionId} is gone.");
        var town = await session.LoadAsync<Organisation>(enterprise.TownId ?? Guid.Empty, ct)
                   ?? throw new InvalidOperationException($"Enterprise {enterprise.Id} has no town.");

        var reported = Hazard.Report(message.HazardId, enterprise, town, null, message.Level, message.Category, message.Description,
            null, null, null, message.Source, message.InspectionId, message.ChecklistItemCode, message.LegalBasis, message.Evidence,
            message.FoundAt, message.Inspector);
        session.Events.StartStream<HazardView>(message.HazardId, reported);
        return answer;
    }
}

/// <summary>Answers <see cref="CheckRecheck"/> with the Hazards module's own rules: scope, then role, then the lifecycle.</summary>
public static class CheckRecheckHandler
{
    public static async Task<RecheckClearance> Handle(CheckRecheck question, IQuerySession session, CancellationToken ct)
    {
        var h = await session.Events.AggregateStreamAsync<Hazard>(question.HazardId, token: ct);
        if (h is null || !HazardAccess.Sees(question.Caller, h))
            return new RecheckClearance(404, $"Hazard '{question.HazardId}' does not exist.", Guid.Empty, null, 0);
        if (!HazardAccess.May(question.Caller, HazardAction.Recheck, h))
            return new RecheckClearance(403, ProblemLanguage.Say("您的角色无权复查该隐患。", "Your role may not recheck this hazard."), h.EnterpriseId, h.Status, h.Version);
        if (h.Status != HazardStatus.AwaitingRecheck)
            return new RecheckClearance(409, ProblemLanguage.Say($"只有待复查的隐患才能复查；该隐患状态为 {h.Status}。", $"Only a hazard awaiting recheck can be rechecked; this one is {h.Status}."), h.EnterpriseId, h.Status, h.Version);
        return new RecheckClearance(200, null, h.EnterpriseId, h.Status, h.Version);
    }
}

/// <summary>
/// Records a recheck inspection's verdict on its hazard, as the inspector, through the same rules as
/// <c>POST /api/hazards/{id}/recheck</c>. A verdict the rules refuse now (someone acted first) appends nothing and is
/// logged; a version race is retried.
/// </summary>
public static class RecordRecheckHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.OnException<ConcurrencyException>().RetryWithCooldown(50.Milliseconds(), 200.Milliseconds(), 500.Milliseconds());

    public static async Task Handle(RecordRecheck command, IDocumentSession session, ILogger<RecordRecheck> logger, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Hazard>(command.HazardId, ct);
        var h = stream.Aggregate;
        if (h is null || !HazardAccess.Sees(command.By, h) || !HazardAccess.May(command.By, HazardAction.Recheck, h))
        {
            logger.LogWarning("Recheck of hazard {HazardId} from inspection {InspectionId} refused: not in {UserId}'s scope or role",
                command.HazardId, command.InspectionId, command.By.UserId);
            return;
        }
        try
        {
            stream.AppendMany(h.Recheck(command.Passed, command.Remarks, command.Evidence, command.By));
        }
        catch (ApiProblemException refused)
        {
            logger.LogWarning("Recheck of hazard {HazardId} from inspection {InspectionId} refused: {Reason}",
                command.HazardId, command.InspectionId, refused.Detail);
        }
    }
}
