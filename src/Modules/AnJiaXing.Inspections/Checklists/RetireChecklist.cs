using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Inspections.Checklists;

public static class RetireChecklistEndpoint
{
    /// <summary>Take a checklist out of use (no new inspections or edits); pinned versions stay readable.</summary>
    [Authorize]
    [WolverineDelete("/api/checklists/{id}", OperationId = "RetireChecklist")]
    public static async Task<IResult> Delete(
        Guid id, string? reason, ClaimsPrincipal user, IDocumentSession session, ScopeGuard guard, HttpContext http, CancellationToken ct)
    {
        var stream = await session.FetchForCommandAsync<Checklist>(id, ExpectedVersion.From(http), "Checklist", ct);
        var checklist = stream.Aggregate!;
        await guard.DemandOrHideAsync(user, ChecklistTarget.Of(checklist), ReadChecklistRequirement.Instance, "Checklist", id);
        await guard.DemandAsync(user, ChecklistTarget.Of(checklist), MaintainChecklistRequirement.Instance,
            $"You may not retire the checklist '{checklist.Name}'.");
        stream.AppendOne(checklist.Retire(reason, Caller.From(user).Actor));
        return Results.NoContent();
    }
}
