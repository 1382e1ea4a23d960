using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Hazards;

public sealed record ReportHazard(
    Guid EnterpriseId,
    HazardLevel Level,
    HazardCategory Category,
    string Description,
    string? Location,
    double? Latitude,
    double? Longitude,
    HazardSource Source,
    Guid? InspectionId,
    string? ChecklistItemCode,
    string? LegalBasis,
    Guid[]? EvidenceIds,
    IndustryDomain? Domain = null,
    DateTimeOffset? FoundAt = null);

public sealed class ReportHazardValidator : AbstractValidator<ReportHazard>
{
    public ReportHazardValidator(TimeProvider clock)
    {
        RuleFor(x => x.EnterpriseId).NotEmpty();
        RuleFor(x => x.Level).IsInEnum();
        RuleFor(x => x.Category).IsInEnum();
        RuleFor(x => x.Source).IsInEnum();
        RuleFor(x => x.Domain).IsInEnum();
        RuleFor(x => x.Description).NotEmpty().MaximumLength(2000);
        RuleFor(x => x.Location).MaximumLength(500);
        RuleFor(x => x.LegalBasis).MaximumLength(1000);
        RuleFor(x => x.ChecklistItemCode).MaximumLength(64);
        RuleFor(x => x.Latitude).InclusiveBetween(-90, 90);
        RuleFor(x => x.Longitude).InclusiveBetween(-180, 180);
        RuleFor(x => x).Must(x => x.Latitude.HasValue == x.Longitude.HasValue)
            .WithName("latitude").WithMessage(_ => ProblemLanguage.Say("经度和纬度须同时提供或同时不提供。", "Give both latitude and longitude, or neither."));
        RuleFor(x => x.EvidenceIds).Must(ids => ids is null || ids.Length <= 20).WithMessage(_ => ProblemLanguage.Say("证据至多 20 份。", "At most 20 pieces of evidence."));
        RuleFor(x => x.FoundAt).Must(t => t is null || t <= clock.GetUtcNow().AddMinutes(5))
            .WithMessage(_ => ProblemLanguage.Say("foundAt 不能晚于当前时间。", "foundAt cannot lie in the future."));
    }
}

public static class ReportHazardEndpoint
{
    [Authorize]
    [WolverinePost("/api/hazards", OperationId = "ReportHazard")]
    [IdempotentCreate]
    public static async Task<IResult> Post(
        ReportHazard command, ClaimsPrincipal user, HttpContext http, IDocumentSession session,
        IdentityCache organisations, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        // Enterprise and town from the platform's cache (dropped when they change): no round trip for either.
        var enterprise = await organisations.OrganisationAsync(session, command.EnterpriseId, ct);
        if (enterprise is not { Kind: OrganisationKind.Enterprise }) throw ApiProblemException.NotFound(Noun.Enterprise, command.EnterpriseId);
        var domain = command.Domain ?? enterprise.Domains.FirstOrDefault(IndustryDomain.Other);
        caller.Scope.HideUnlessCoversEnterprise(enterprise.Id, enterprise.TownId ?? Guid.Empty, [domain], Noun.Enterprise);
        if (!HazardAccess.MayReport(caller, enterprise, domain))
            throw ApiProblemException.Forbidden(ProblemLanguage.Say($"您的角色无权上报企业“{enterprise.Name}”的隐患。", $"Your role may not report hazards against '{enterprise.Name}'."));

        var town = await organisations.OrganisationAsync(session, enterprise.TownId ?? Guid.Empty, ct)
                   ?? throw new InvalidOperationException($"Enterprise {enterprise.Id} has no town.");
        var id = Guid.CreateVersion7();
        var evidence = await session.TakeIntoUseAsync(command.EvidenceIds, caller, new EvidenceUse(id, enterprise.Id, town.Id, domain), ct);

        var reported = Hazard.Report(id, enterprise, town, command.Domain, command.Level, command.Category, command.Description,
            command.Location, command.Latitude, command.Longitude, command.Source, command.InspectionId, command.ChecklistItemCode,
            command.LegalBasis, evidence, command.FoundAt ?? clock.GetUtcNow(), caller);
        session.Events.StartStream<HazardView>(id, reported);

        http.AnswerVersion(1);
        return CreatedResponse.At($"/api/hazards/{id}", id, 1);
    }
}
