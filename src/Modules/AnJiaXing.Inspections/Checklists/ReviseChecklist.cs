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
        Guid id, ReviseChecklist command, ClaimsPrincipal user, IDocumentSession session, ScopeGuard guard, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.FetchForCommandAsync<Checklist>(id, ExpectedVersion.From(http, command.ExpectedVersion), "Checklist", ct);
        var checklist = stream.Aggregate!;
        await guard.DemandOrHideAsync(user, ChecklistTarget.Of(checklist), ReadChecklistRequirement.Instance, "Checklist", id);
        await guard.DemandAsync(user, ChecklistTarget.Of(checklist), MaintainChecklistRequirement.Instance,
            $"You may not edit the checklist '{checklist.Name}'.");

        var revised = checklist.Revise(command.Name, command.Items, command.Note, Caller.From(user).Actor);
        var dto = ChecklistDto.From(checklist);
        if (revised is not null)
        {
            stream.AppendOne(revised);
            dto = dto with { Name = revised.Name, Items = revised.Items, Version = checklist.Version + 1, UpdatedBy = revised.By.Name, UpdatedAt = clock.GetUtcNow() };
        }
        http.Response.Headers.ETag = ExpectedVersion.ETag(dto.Version);
        return dto;
    }
}
