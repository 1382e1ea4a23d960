using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace AnJiaXing.Inspections;

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
        TimeProvider clock, IMessageBus bus, CancellationToken ct)
    {
        var stream = await InspectionCommands.FetchAsync(id, command.ExpectedVersion, user, http, session, guard, ct);
        var record = stream.Aggregate!;
        var caller = Caller.From(user);

        var submitted = record.Submit(PersonalSignature.Of(http)?.KeyId, caller.Actor);
        var events = new List<object> { submitted };
        var messages = new OutgoingMessages();
        if (submitted.Findings.Count > 0 && record.EnterpriseId is { } enterpriseId
            && await session.LoadAsync<Organisation>(enterpriseId, ct) is { Enabled: false } disabled)
            throw Inspection.Conflict(record, $"'{disabled.Name}' was disabled; its findings cannot enter the hazard ledger.");

        if (record.Kind == InspectionKind.Recheck && record.HazardId is { } hazardId)
        {
            // The Hazards module decides: asked now so a refusal reaches the inspector, told through the outbox so the
            // verdict and the signed record commit together.
            await HazardRechecks.RequireClearanceAsync(bus, hazardId, caller, ct);
            var (passed, remarks, evidence) = record.RecheckVerdict();
            events.Add(new InspectionRecheckRecorded(id, hazardId, passed, caller.Actor));
            messages.Add(new RecordRecheck(hazardId, id, passed, remarks, evidence, caller));
        }
        stream.AppendMany(events);

        var signedAt = clock.GetUtcNow();
        foreach (var code in submitted.Findings)
            messages.Add(InspectionFindings.MessageFor(record, record.FindItem(code)!, caller, signedAt));

        var version = InspectionCommands.VersionAfter(stream, events.Count);
        http.Response.Headers.ETag = ExpectedVersion.ETag(version);
        return (new InspectionCommandResult(id, version, InspectionStatus.Submitted, record.Items.Count, submitted.Findings), messages);
    }
}
