using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Emergency.Incidents;

/// <summary>An incident report: where (an enterprise, or a town for an incident off any enterprise's premises), when, what, casualties.</summary>
public sealed record ReportIncident(
    IncidentKind Kind,
    DateTimeOffset OccurredAt,
    string Place,
    string Description,
    Guid? EnterpriseId = null,
    Guid? TownId = null,
    double? Latitude = null,
    double? Longitude = null,
    int Deaths = 0,
    int Injuries = 0,
    Guid[]? EvidenceIds = null);

public sealed class ReportIncidentValidator : AbstractValidator<ReportIncident>
{
    public ReportIncidentValidator(TimeProvider clock)
    {
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Place).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写事发地点。", "Give the place where it happened.")).MaximumLength(500);
        RuleFor(x => x.Description).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写事件经过。", "Give what happened.")).MaximumLength(4000);
        RuleFor(x => x.Deaths).InclusiveBetween(0, 100_000);
        RuleFor(x => x.Injuries).InclusiveBetween(0, 100_000);
        RuleFor(x => x.Latitude).InclusiveBetween(-90, 90);
        RuleFor(x => x.Longitude).InclusiveBetween(-180, 180);
        RuleFor(x => x).Must(x => x.Latitude.HasValue == x.Longitude.HasValue).WithName("latitude").WithMessage(_ => ProblemLanguage.Say("经纬度须同时填写或同时不填。", "Give both latitude and longitude, or neither."));
        RuleFor(x => x.OccurredAt).Must(t => t <= clock.GetUtcNow().AddMinutes(5)).WithMessage(_ => ProblemLanguage.Say("事发时间不能晚于现在。", "The time it happened cannot be later than now."));
        RuleFor(x => x.EvidenceIds).Must(ids => ids is null || ids.Length <= 20).WithMessage(_ => ProblemLanguage.Say("至多 20 个附件。", "At most 20 attachments."));
        RuleFor(x => x).Must(x => x.EnterpriseId is not null || x.TownId is not null).WithName("townId").WithMessage(_ => ProblemLanguage.Say("请指明事发企业或街镇。", "Give the enterprise or town where it happened."));
    }
}

public static class ReportIncidentEndpoint
{
    [Authorize]
    [WolverinePost("/api/emergency/incidents", OperationId = "ReportIncident")]
    [IdempotentCreate]
    public static async Task<IResult> Post(ReportIncident command, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var owner = await session.LoadOwnerAsync(caller, command.EnterpriseId, command.TownId, ct);
        if (!IncidentAccess.MayReport(caller, owner)) throw ApiProblemException.Forbidden(ProblemLanguage.Say("您的角色不能上报此处的事件。", "Your role may not report an incident here."));
        var id = Guid.CreateVersion7();
        var evidence = await session.TakeIntoUseAsync(command.EvidenceIds, caller,
            EmergencyEvidence.Use(id, owner.EnterpriseId, owner.TownId, owner.Domains), ct);
        var reported = new IncidentReported(id, owner, command.Kind, command.OccurredAt, command.Place.Trim(),
            command.Latitude, command.Longitude, command.Deaths, command.Injuries, command.Description.Trim(), caller.Actor,
            evidence.Count == 0 ? null : evidence);
        session.Events.StartStream<IncidentView>(id, reported);
        await IncidentAlert.RaiseAsync(session, reported, ct);
        http.AnswerVersion(1);
        return CreatedResponse.At($"/api/emergency/incidents/{id}", id, 1);
    }
}
