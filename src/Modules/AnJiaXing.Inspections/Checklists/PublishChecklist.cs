using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Inspections.Checklists;

/// <summary>Build a checklist (自建检查表), or, for district admins and department officers, an industry or recommended one.</summary>
public sealed record PublishChecklist(string Name, ChecklistKind Kind, IndustryDomain? Domain, IReadOnlyList<ChecklistItem> Items);

public sealed class PublishChecklistValidator : AbstractValidator<PublishChecklist>
{
    public PublishChecklistValidator()
    {
        RuleFor(x => x.Name).ValidName();
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Domain).IsInEnum();
        RuleFor(x => x.Domain).NotNull().When(x => x.Kind != ChecklistKind.Custom)
            .WithMessage(_ => ProblemLanguage.Say("行业检查表和推荐检查表须指定领域。", "Industry and recommended checklists need a domain."));
        RuleFor(x => x.Items).ValidItems();
    }
}

public static class PublishChecklistEndpoint
{
    [Authorize]
    [WolverinePost("/api/checklists", OperationId = "PublishChecklist")]
    [IdempotentCreate]
    public static async Task<IResult> Post(PublishChecklist command, ClaimsPrincipal user, IDocumentSession session,
        CancellationToken ct)
    {
        var caller = Caller.From(user);
        var target = new ChecklistTarget(command.Kind, command.Domain, command.Kind == ChecklistKind.Custom ? caller.OrganisationId : null);
        Access.RefuseUnless(ChecklistAccess.CanMaintain(caller, target),
            command.Kind == ChecklistKind.Custom
                ? ProblemLanguage.Say("您无权自建检查表。", "You may not build checklists.")
                : ProblemLanguage.Say($"{command.Kind} 检查表仅由区级管理员和 {command.Domain} 领域的部门人员维护。", $"Only district admins and department officers of {command.Domain} maintain {command.Kind} checklists."));

        var id = Guid.CreateVersion7();
        session.Events.StartStream<Checklist>(id, Checklist.Publish(id, command.Name, command.Kind, command.Domain, command.Items, caller.Actor));
        return CreatedResponse.At($"/api/checklists/{id}", id, 1);
    }
}
