using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Inspections.Knowledge;

public sealed record ReviseKnowledgeDocument(string Title, KnowledgeCategory Category, IndustryDomain? Domain, string? Source, string Text, long? ExpectedVersion);

public sealed class ReviseKnowledgeDocumentValidator : AbstractValidator<ReviseKnowledgeDocument>
{
    public ReviseKnowledgeDocumentValidator()
    {
        RuleFor(x => x.Title).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Category).IsInEnum();
        RuleFor(x => x.Domain).IsInEnum();
        RuleFor(x => x.Source).MaximumLength(300);
        RuleFor(x => x.Text).NotEmpty().MaximumLength(KnowledgeRules.MaxTextLength);
    }
}

public static class ReviseKnowledgeDocumentEndpoint
{
    [Authorize]
    [WolverinePut("/api/knowledge/{id}", OperationId = "ReviseKnowledgeDocument")]
    public static async Task<KnowledgeDocumentDto> Put(
        Guid id, ReviseKnowledgeDocument command, ClaimsPrincipal user, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        // Everyone reads the knowledge base; both the document's current domain and the one it moves to must be the caller's to maintain.
        var rules = new CommandRules<KnowledgeDocument>(new Noun("知识文档", "Knowledge document"), (_, _) => true,
            (caller, d) => KnowledgeAccess.MayMaintain(caller, d.Domain) && KnowledgeAccess.MayMaintain(caller, command.Domain),
            d => ProblemLanguage.Say($"您无权编辑知识文档“{d.Title}”。", $"You may not edit the knowledge document '{d.Title}'."));
        KnowledgeDocument? document = null;
        KnowledgeDocumentRevised? revised = null;
        var outcome = await http.ExecuteAsync(session, id, command.ExpectedVersion, rules, (d, caller) =>
        {
            document = d;
            revised = d.Revise(command.Title, command.Category, command.Domain, command.Source, command.Text, caller.Actor);
            return ValueTask.FromResult<IReadOnlyList<object>>(revised is null ? [] : [revised]);
        }, ct);
        var dto = KnowledgeDocumentDto.From(document!) with { Version = (int)outcome.Version };
        return revised is null ? dto : dto with
        {
            Title = revised.Title, Category = revised.Category, Domain = revised.Domain, Source = revised.Source, Text = revised.Text,
            UpdatedBy = revised.By.Name, UpdatedAt = clock.GetUtcNow()
        };
    }
}
