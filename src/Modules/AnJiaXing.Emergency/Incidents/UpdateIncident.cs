using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Emergency.Incidents;

/// <summary>News on an open incident (续报), with the casualties as now known.</summary>
public sealed record UpdateIncident(string Note, int Deaths, int Injuries, Guid[]? EvidenceIds = null, long? ExpectedVersion = null);

public sealed class UpdateIncidentValidator : AbstractValidator<UpdateIncident>
{
    public UpdateIncidentValidator()
    {
        RuleFor(x => x.Note).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写续报内容。", "Give the update.")).MaximumLength(4000);
        RuleFor(x => x.Deaths).InclusiveBetween(0, 100_000);
        RuleFor(x => x.Injuries).InclusiveBetween(0, 100_000);
        RuleFor(x => x.EvidenceIds).Must(ids => ids is null || ids.Length <= 20).WithMessage(_ => ProblemLanguage.Say("至多 20 个附件。", "At most 20 attachments."));
    }
}

public static class UpdateIncidentEndpoint
{
    [Authorize]
    [WolverinePost("/api/emergency/incidents/{id}/updates", OperationId = "UpdateIncident")]
    public static async Task<EmergencyRecordVersion> Post(Guid id, UpdateIncident command, HttpContext http, IDocumentSession session,
        CancellationToken ct)
    {
        var outcome = await http.ExecuteAsync(session, id, command.ExpectedVersion, IncidentAccess.Update,
            async (incident, caller) =>
            {
                // A closed incident is a 409 before any evidence is looked at.
                incident.RequireOpen();
                var evidence = await session.TakeIntoUseAsync(command.EvidenceIds, caller, incident.EvidenceUse(), ct);
                return [incident.Update(command.Note, command.Deaths, command.Injuries, evidence, caller.Actor)];
            }, ct);
        return new EmergencyRecordVersion(id, outcome.Version);
    }
}

/// <summary>Closes an incident with its summary (结案).</summary>
public sealed record CloseIncident(string Summary, long? ExpectedVersion = null);

public sealed class CloseIncidentValidator : AbstractValidator<CloseIncident>
{
    public CloseIncidentValidator() => RuleFor(x => x.Summary).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写结案总结。", "Give the closing summary.")).MaximumLength(4000);
}

public static class CloseIncidentEndpoint
{
    [Authorize]
    [WolverinePost("/api/emergency/incidents/{id}/close", OperationId = "CloseIncident")]
    public static async Task<EmergencyRecordVersion> Post(Guid id, CloseIncident command, HttpContext http, IDocumentSession session,
        CancellationToken ct)
    {
        var outcome = await http.ExecuteAsync(session, id, command.ExpectedVersion, IncidentAccess.Close,
            (incident, caller) => CommandPath.One(incident.Close(command.Summary, caller.Actor)), ct);
        return new EmergencyRecordVersion(id, outcome.Version);
    }
}
