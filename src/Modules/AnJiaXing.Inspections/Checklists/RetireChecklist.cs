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
        Guid id, string? reason, ClaimsPrincipal user, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        await http.ExecuteAsync(session, id, null, ChecklistAccess.Maintain("retire"),
            (checklist, caller) => CommandPath.One(checklist.Retire(reason, caller.Actor)), ct);
        return Results.NoContent();
    }
}
