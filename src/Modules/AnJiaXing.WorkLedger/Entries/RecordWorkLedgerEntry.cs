using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.WorkLedger.Entries;

/// <summary>
/// The body of a create (POST) or update (PUT) of a meeting, special action or supervision update. <c>townId</c> names
/// the town the record belongs to (none: the district); it is chosen on create and never changes.
/// </summary>
public sealed record WorkLedgerData(
    string Title,
    DateTimeOffset At,
    string Text,
    Guid? TownId = null,
    string? Place = null,
    string[]? Attendees = null,
    string? Decisions = null,
    DateOnly? From = null,
    DateOnly? To = null,
    Guid[]? TownIds = null,
    IndustryDomain[]? Domains = null,
    Guid[]? PlanIds = null,
    Guid[]? InspectionIds = null,
    Guid[]? HazardIds = null,
    Guid[]? AttachmentIds = null,
    long? ExpectedVersion = null);

public sealed class WorkLedgerDataValidator : AbstractValidator<WorkLedgerData>
{
    public WorkLedgerDataValidator()
    {
        RuleFor(x => x.Title).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写标题。", "Give the title.")).MaximumLength(200);
        RuleFor(x => x.Text).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写内容。", "Give the text.")).MaximumLength(20_000);
        RuleFor(x => x.Place).MaximumLength(200);
        RuleFor(x => x.Decisions).MaximumLength(10_000);
        RuleFor(x => x.Attendees).Must(a => a is null || (a.Length <= 200 && a.All(n => n.Length <= 50))).WithMessage(_ => ProblemLanguage.Say("参会人员至多 200 人，每人至多 50 字。", "At most 200 attendees, each at most 50 characters."));
        RuleForEach(x => x.Domains).IsInEnum();
        RuleFor(x => x.PlanIds).Must(ids => ids is null || ids.Length <= 100).WithMessage(_ => ProblemLanguage.Say("至多关联 100 个检查计划。", "At most 100 linked inspection plans."));
        RuleFor(x => x.InspectionIds).Must(ids => ids is null || ids.Length <= 1000).WithMessage(_ => ProblemLanguage.Say("至多关联 1000 次检查。", "At most 1000 linked inspections."));
        RuleFor(x => x.HazardIds).Must(ids => ids is null || ids.Length <= 1000).WithMessage(_ => ProblemLanguage.Say("至多关联 1000 条隐患。", "At most 1000 linked hazards."));
        RuleFor(x => x.AttachmentIds).Must(ids => ids is null || ids.Length <= 20).WithMessage(_ => ProblemLanguage.Say("至多 20 个附件。", "At most 20 attachments."));
    }
}

/// <summary>A work-ledger record's id and version after a command.</summary>
public sealed record WorkLedgerVersion(Guid Id, long Version);

public static class RecordWorkLedgerEntryEndpoint
{
    [Authorize]
    [WolverinePost("/api/work-ledger/{section}", OperationId = "RecordWorkLedgerEntry")]
    [IdempotentCreate]
    public static async Task<IResult> Post(string section, WorkLedgerData command, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        var kind = WorkLedgerKinds.Parse(section);
        var caller = Caller.From(http.User);
        if (!WorkLedgerAccess.MayUseLedger(caller)) throw ApiProblemException.Forbidden(ProblemLanguage.Say("工作台账仅供监管人员使用。", "The work ledger is for supervising officials only."));
        string? townName = null;
        if (command.TownId is { } townId)
        {
            var town = await session.LoadAsync<Organisation>(townId, ct);
            if (town is not { Kind: OrganisationKind.Town } || !caller.Scope.CanSee(town)) throw ApiProblemException.NotFound(Noun.Town, townId);
            townName = town.Name;
        }
        if (!WorkLedgerAccess.MayKeep(caller, command.TownId))
            throw ApiProblemException.Forbidden(ProblemLanguage.Say($"您的角色不能记录{townName ?? "区级"}的工作台账。", $"Your role may not record the work ledger of {townName ?? "the district"}."));

        var id = Guid.CreateVersion7();
        var content = WorkLedgerKinds.Content(kind, command);
        content = await session.WithAttachmentsAsync(content, command.AttachmentIds, caller, id, command.TownId, ct);
        session.Events.StartStream<WorkLedgerEntry>(id, new WorkLedgerEntryRecorded(id, kind, command.TownId, townName, content, caller.Actor));
        http.AnswerVersion(1);
        return CreatedResponse.At($"/api/work-ledger/{section}/{id}", id, 1);
    }

    [Authorize]
    [WolverinePut("/api/work-ledger/{section}/{id}", OperationId = "ReviseWorkLedgerEntry")]
    public static async Task<WorkLedgerVersion> Put(string section, Guid id, WorkLedgerData command, HttpContext http, IDocumentSession session,
        CancellationToken ct)
    {
        var kind = WorkLedgerKinds.Parse(section);
        var outcome = await http.ExecuteAsync(session, id, command.ExpectedVersion, WorkLedgerAccess.Keep, async (entry, caller) =>
        {
            if (entry.Kind != kind) throw ApiProblemException.NotFound(WorkLedgerKinds.Names[kind], id);
            if (command.TownId is { } t && t != entry.TownId) throw ApiProblemException.Validation("townId", ProblemLanguage.Say("记录后不能变更所属街镇。", "The town of a recorded entry cannot change."));
            var content = WorkLedgerKinds.Content(kind, command);
            // PUT semantics: the attachments are the ones named now (the earlier ones stay in the stream's history).
            content = await session.WithAttachmentsAsync(content, command.AttachmentIds, caller, id, entry.TownId, ct);
            return [new WorkLedgerEntryRevised(id, kind, content, caller.Actor)];
        }, ct);
        return new WorkLedgerVersion(id, outcome.Version);
    }

    [Authorize]
    [WolverineGet("/api/work-ledger/{section}/{id}", OperationId = "GetWorkLedgerEntry")]
    public static async Task<WorkLedgerEntry> Get(string section, Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var entry = await session.LoadVisibleAsync(section, id, Caller.From(http.User), ct);
        http.AnswerVersion(entry.Version);
        return entry;
    }

    /// <summary>
    /// The content with its attachments: evidence ids (uploaded with POST /api/evidence) the caller may read, taken into
    /// use by the record through the platform (unknown ones: 400 on <c>attachmentIds</c>). Town staff then read a town's
    /// attachments; the district's only district-wide roles and the uploader.
    /// </summary>
    public static async Task<WorkLedgerContent> WithAttachmentsAsync(this IDocumentSession session, WorkLedgerContent content, Guid[]? ids,
        Caller caller, Guid entryId, Guid? townId, CancellationToken ct)
    {
        var use = new EvidenceUse(entryId, Guid.Empty, townId ?? Guid.Empty, content.Domains.Count == 0 ? IndustryDomain.Other : content.Domains[0]);
        var attachments = await session.TakeIntoUseAsync(ids, caller, use, ct, "attachmentIds");
        return content with { Attachments = attachments.Count == 0 ? null : attachments };
    }

    public static async Task<WorkLedgerEntry> LoadVisibleAsync(this IQuerySession session, string section, Guid id, Caller caller, CancellationToken ct)
    {
        var kind = WorkLedgerKinds.Parse(section);
        if (!WorkLedgerAccess.MayUseLedger(caller)) throw ApiProblemException.Forbidden(ProblemLanguage.Say("工作台账仅供监管人员查阅。", "The work ledger is for supervising officials only."));
        var entry = await session.LoadAsync<WorkLedgerEntry>(id, ct);
        return entry is not null && entry.Kind == kind && WorkLedgerAccess.Sees(caller, entry)
            ? entry
            : throw ApiProblemException.NotFound(WorkLedgerKinds.Names[kind], id);
    }
}
