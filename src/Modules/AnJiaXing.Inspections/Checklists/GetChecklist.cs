using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Inspections.Checklists;

public static class GetChecklistEndpoint
{
    /// <summary>The current version, or with <c>?version=n</c> version n exactly as it was (pinned versions stay readable).</summary>
    [Authorize]
    [WolverineGet("/api/checklists/{id}", OperationId = "GetChecklist")]
    public static async Task<ChecklistDto> Get(
        Guid id, int? version, ClaimsPrincipal user, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var checklist = await ChecklistVersions.LoadAsync(session, id, version, ct);
        Access.HideUnless(ChecklistAccess.CanRead(Caller.From(user), ChecklistTarget.Of(checklist)), ChecklistAccess.Name, id);
        http.AnswerVersion(checklist.Version);
        return ChecklistDto.From(checklist);
    }
}
