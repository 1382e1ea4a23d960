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
        Guid id, ReviseKnowledgeDocument command, ClaimsPrincipal user, IDocumentSession session, ScopeGuard guard, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.FetchForCommandAsync<KnowledgeDocument>(id, ExpectedVersion.From(http, command.ExpectedVersion), "Knowledge document", ct);
        var document = stream.Aggregate!;
        // Both the document's current domain and the one it moves to must be the caller's to maintain.
        foreach (var domain in new[] { document.Domain, command.Domain }.Distinct())
            await guard.DemandAsync(user, new KnowledgeTarget(domain), MaintainKnowledgeRequirement.Instance,
                $"You may not edit the knowledge document '{document.Title}'.");

        var revised = document.Revise(command.Title, command.Category, command.Domain, command.Source, command.Text, Caller.From(user).Actor);
        var dto = KnowledgeDocumentDto.From(document);
        if (revised is not null)
        {
            stream.AppendOne(revised);
            dto = dto with
            {
                Title = revised.Title, Category = revised.Category, Domain = revised.Domain, Source = revised.Source, Text = revised.Text,
                Version = document.Version + 1, UpdatedBy = revised.By.Name, UpdatedAt = clock.GetUtcNow()
            };
        }
        http.Response.Headers.ETag = ExpectedVersion.ETag(dto.Version);
        return dto;
    }
}
