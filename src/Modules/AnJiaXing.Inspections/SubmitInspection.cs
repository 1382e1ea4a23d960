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
        Guid id, SubmitInspection command, ClaimsPrincipal user, HttpContext http, IDocumentSession session,
        TimeProvider clock, IMessageBus bus, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        Inspection? record = null;
        InspectionSubmitted? submitted = null;
        var outcome = await http.ExecuteAsync(session, id, command.ExpectedVersion, InspectionAccess.Sign, async (r, caller) =>
        {
            record = r;
            submitted = r.Submit(PersonalSignature.Of(http)?.KeyId, caller.Actor);
            var events = new List<object> { submitted };
            if (submitted.Findings.Count > 0 && r.EnterpriseId is { } enterpriseId
                && await session.LoadAsync<Organisation>(enterpriseId, ct) is { Enabled: false } disabled)
                throw Inspection.Conflict(r, $"'{disabled.Name}' was disabled; its findings cannot enter the hazard ledger.");

            if (r.Kind == InspectionKind.Recheck && r.HazardId is { } hazardId)
            {
                // The Hazards module decides: asked now so a refusal reaches the inspector, told through the outbox so the
                // verdict and the signed record commit together.
                await HazardRechecks.RequireClearanceAsync(bus, hazardId, caller, ct);
                var (passed, remarks, evidence) = r.RecheckVerdict();
                events.Add(new InspectionRecheckRecorded(id, hazardId, passed, caller.Actor));
                messages.Add(new RecordRecheck(hazardId, id, passed, remarks, evidence, caller));
            }

            var signedAt = clock.GetUtcNow();
            // The pinned version, not the current one: the words of an item are those the inspector checked against.
            var pinned = submitted.Findings.Count > 0 && r.ChecklistId is { } checklistId
                ? await ChecklistVersions.LoadAsync(session, checklistId, r.ChecklistVersion, ct) : null;
            foreach (var code in submitted.Findings)
                messages.Add(InspectionFindings.MessageFor(r, r.FindItem(code)!, pinned, caller, signedAt));
            return events;
        }, ct);
        var version = outcome.Version;
        return (new InspectionCommandResult(id, version, InspectionStatus.Submitted, record!.Items.Count, submitted!.Findings,
            submitted.Findings.Select(code => Inspection.HazardIdFor(id, code)).ToList()), messages);
    }
}
