using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Inspections.Knowledge;

public sealed record PublishKnowledgeDocument(string Title, KnowledgeCategory Category, IndustryDomain? Domain, string? Source, string Text);

public sealed class PublishKnowledgeDocumentValidator : AbstractValidator<PublishKnowledgeDocument>
{
    public PublishKnowledgeDocumentValidator()
    {
        RuleFor(x => x.Title).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Category).IsInEnum();
        RuleFor(x => x.Domain).IsInEnum();
        RuleFor(x => x.Source).MaximumLength(300);
        RuleFor(x => x.Text).NotEmpty().MaximumLength(KnowledgeRules.MaxTextLength);
    }
}

public static class KnowledgeRules
{
    public const int MaxTextLength = 200_000;
}

public static class PublishKnowledgeDocumentEndpoint
{
    [Authorize]
    [WolverinePost("/api/knowledge", OperationId = "PublishKnowledgeDocument")]
    [IdempotentCreate]
    public static async Task<IResult> Post(PublishKnowledgeDocument command, ClaimsPrincipal user, IDocumentSession session,
        CancellationToken ct)
    {
        Access.RefuseUnless(KnowledgeAccess.MayMaintain(Caller.From(user), command.Domain),
            ProblemLanguage.Say("知识库仅由区级管理员和（本领域的）部门人员维护。", "Only district admins and department officers (for their domains) maintain the knowledge base."));
        var id = Guid.CreateVersion7();
        session.Events.StartStream<KnowledgeDocument>(id, KnowledgeDocument.Publish(
            id, command.Title, command.Category, command.Domain, command.Source, command.Text, Caller.From(user).Actor));
        return CreatedResponse.At($"/api/knowledge/{id}", id, 1);
    }
}
