using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Inspections;

/// <summary>One item's result (api.md's shape), or a batch of them in <see cref="Items"/>.</summary>
public sealed record RecordInspectionItems(
    string? ItemCode = null,
    string? Content = null,
    ItemResult? Result = null,
    string? Notes = null,
    Guid[]? EvidenceIds = null,
    HazardLevel? Level = null,
    HazardCategory? Category = null,
    RecordedItem[]? Items = null,
    long? ExpectedVersion = null)
{
    public IReadOnlyList<RecordedItem> All =>
        Items is { Length: > 0 } batch ? batch : [new RecordedItem(ItemCode, Content, Result ?? ItemResult.Compliant, Notes, EvidenceIds, Level, Category)];
}

public sealed record RecordedItem(
    string? ItemCode, string? Content, ItemResult Result, string? Notes = null, Guid[]? EvidenceIds = null,
    HazardLevel? Level = null, HazardCategory? Category = null);

public sealed class RecordInspectionItemsValidator : AbstractValidator<RecordInspectionItems>
{
    public RecordInspectionItemsValidator()
    {
        RuleFor(x => x).Must(x => (x.Items is { Length: > 0 }) != (x.Result is not null))
            .WithName("result").WithMessage(_ => ProblemLanguage.Say("请提供单个检查项（result 等）或 items 批量，不能两者都提供。", "Give one item (result, …) or a batch in items, not both."));
        RuleFor(x => x.Items).Must(i => i is null || i.Length <= 200).WithMessage(_ => ProblemLanguage.Say("一批至多 200 个检查项。", "At most 200 items in a batch."));
        RuleFor(x => x.Items).Must(i => i is null || i.Where(x => x.ItemCode is not null).GroupBy(x => x.ItemCode).All(g => g.Count() == 1))
            .WithMessage(_ => ProblemLanguage.Say("同一批中检查项编码出现了两次。", "An item code appears twice in the batch."));
        RuleForEach(x => x.All).ChildRules(item =>
        {
            item.RuleFor(i => i.Result).IsInEnum();
            item.RuleFor(i => i.Level).IsInEnum();
            item.RuleFor(i => i.Category).IsInEnum();
            item.RuleFor(i => i.ItemCode).MaximumLength(64);
            item.RuleFor(i => i.Content).MaximumLength(2000);
            item.RuleFor(i => i.Notes).MaximumLength(2000);
            item.RuleFor(i => i.EvidenceIds).Must(ids => ids is null || ids.Length <= 20).WithMessage(_ => ProblemLanguage.Say("每个检查项至多 20 份证据。", "At most 20 pieces of evidence per item."));
            item.RuleFor(i => i).Must(i => i.ItemCode is not null || !string.IsNullOrWhiteSpace(i.Content))
                .WithName("content").WithMessage(_ => ProblemLanguage.Say("请提供检查表的 itemCode，或现场发现的内容。", "Give a checklist itemCode, or the content of a free-text finding."));
        }).OverridePropertyName("items");
    }
}

public static class RecordInspectionItemsEndpoint
{
    [Authorize]
    [WolverinePost("/api/inspections/{id}/items", OperationId = "RecordInspectionItems")]
    public static async Task<InspectionCommandResult> Post(
        Guid id, RecordInspectionItems command, ClaimsPrincipal user, HttpContext http, IDocumentSession session,
        CancellationToken ct)
    {
        Inspection? record = null;
        IReadOnlyList<InspectionItemRecorded> events = [];
        var outcome = await http.ExecuteAsync(session, id, command.ExpectedVersion, InspectionAccess.Sign, async (r, caller) =>
        {
            record = r;
            if (r.Status != InspectionStatus.Draft)
                throw Inspection.Conflict(r, ProblemLanguage.Say("检查已签名提交，记录不能再更改。", "The inspection was submitted and signed; its record can no longer be changed."));
            var pinned = r.ChecklistId is { } cid ? await ChecklistVersions.LoadAsync(session, cid, r.ChecklistVersion, ct) : null;
            var use = new EvidenceUse(r.Id, r.EnterpriseId ?? Guid.Empty, r.TownId, r.Domains.FirstOrDefault(IndustryDomain.Other));
            var findings = new List<ItemFinding>();
            foreach (var item in command.All)
            {
                var evidence = await session.TakeIntoUseAsync(item.EvidenceIds, caller, use, ct);
                findings.Add(new ItemFinding(item.ItemCode, item.Content, item.Result, item.Notes, evidence, item.Level, item.Category));
            }
            events = r.Record(findings, pinned, caller.Actor);
            return events;
        }, ct);
        var version = outcome.Version;
        var codes = record!.Items.Select(i => i.Code).Concat(events.Select(e => e.ItemCode)).Distinct().Count();
        return new InspectionCommandResult(id, version, InspectionStatus.Draft, codes, events.Select(e => e.ItemCode).ToList());
    }
}
