using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Inspections.Checklists;

/// <summary>Edit a checklist: the body is the whole new content, which becomes the next version.</summary>
public sealed record ReviseChecklist(string Name, IReadOnlyList<ChecklistItem> Items, string? Note, long? ExpectedVersion);

public sealed class ReviseChecklistValidator : AbstractValidator<ReviseChecklist>
{
    public ReviseChecklistValidator()
    {
        RuleFor(x => x.Name).ValidName();
        RuleFor(x => x.Items).ValidItems();
        RuleFor(x => x.Note).MaximumLength(500);
    }
}

public static class ReviseChecklistEndpoint
{
    [Authorize]
    [WolverinePut("/api/checklists/{id}", OperationId = "ReviseChecklist")]
    public static async Task<ChecklistDto> Put(
        Guid id, ReviseChecklist command, ClaimsPrincipal user, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        Checklist? checklist = null;
        ChecklistRevised? revised = null;
        var outcome = await http.ExecuteAsync(session, id, command.ExpectedVersion, ChecklistAccess.Maintain("edit"), (c, caller) =>
        {
            checklist = c;
            revised = c.Revise(command.Name, command.Items, command.Note, caller.Actor);
            return ValueTask.FromResult<IReadOnlyList<object>>(revised is null ? [] : [revised]);
        }, ct);
        var dto = ChecklistDto.From(checklist!) with { Version = (int)outcome.Version };
        return revised is null ? dto
            : dto with { Name = revised.Name, Items = revised.Items, UpdatedBy = revised.By.Name, UpdatedAt = clock.GetUtcNow() };
    }
}
