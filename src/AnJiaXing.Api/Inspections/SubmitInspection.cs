using System.Security.Claims;
using AnJiaXing.Api.Hazards;
using AnJiaXing.Api.Infrastructure.Http;
using AnJiaXing.Api.Infrastructure.Security;
using AnJiaXing.Api.Ledger;
using AnJiaXing.Api.Organisations;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace AnJiaXing.Api.Inspections;

public sealed record SubmitInspection(long? ExpectedVersion = null);

public static class SubmitInspectionEndpoint
{
    /// <summary>
    /// Signs and submits the record. The <see cref="InspectionSubmitted"/> event and one <see cref="RaiseHazardFromFinding"/>
    /// per NonCompliant item are committed together (Wolverine's outbox in the Marten transaction): either both persist
    /// or neither does, and the durable local queue delivers the messages after a crash. A recheck inspection records its
    /// verdict on the hazard through the hazard's own recheck rule, in the same transaction.
    /// </summary>
    [Authorize]
    [WolverinePost("/api/inspections/{id}/submit", OperationId = "SubmitInspection")]
    public static async Task<(InspectionCommandResult, OutgoingMessages)> Post(
        Guid id, SubmitInspection command, ClaimsPrincipal user, HttpContext http, IDocumentSession session, ScopeGuard guard,
        TimeProvider clock, CancellationToken ct)
    {
        var stream = await InspectionCommands.FetchAsync(id, command.ExpectedVersion, user, http, session, guard, ct);
        var record = stream.Aggregate!;
        var caller = Caller.From(user);

        var submitted = record.Submit(PersonalSignature.Of(http)?.KeyId, caller.Actor);
        var events = new List<object> { submitted };
        if (submitted.Findings.Count > 0 && record.EnterpriseId is { } enterpriseId
            && await session.LoadAsync<Organisation>(enterpriseId, ct) is { Enabled: false } disabled)
            throw Inspection.Conflict(record, $"'{disabled.Name}' was disabled; its findings cannot enter the hazard ledger.");

        if (record.Kind == InspectionKind.Recheck && record.HazardId is { } hazardId)
        {
            var (passed, remarks, evidence) = record.RecheckVerdict();
            await HazardCommands.ExecuteAsync(hazardId, null, HazardAction.Recheck, user, http, session, guard,
                (hazard, c) => Task.FromResult(hazard.Recheck(passed, remarks, evidence, c)), ct);
            events.Add(new InspectionRecheckRecorded(id, hazardId, passed, caller.Actor));
        }
        stream.AppendMany(events);

        var signedAt = clock.GetUtcNow();
        var messages = new OutgoingMessages();
        foreach (var code in submitted.Findings)
            messages.Add(RaiseHazardFromFinding.For(record, record.FindItem(code)!, caller, signedAt));

        var version = InspectionCommands.VersionAfter(stream, events.Count);
        http.Response.Headers.ETag = ExpectedVersion.ETag(version);
        return (new InspectionCommandResult(id, version, InspectionStatus.Submitted, record.Items.Count, submitted.Findings), messages);
    }
}
