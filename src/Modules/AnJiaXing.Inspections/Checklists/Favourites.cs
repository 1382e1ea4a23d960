using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Inspections.Checklists;

/// <summary>Marking and listing one's favourite checklists. Marking and unmarking are idempotent (204 either way).</summary>
public static class FavouritesEndpoints
{
    [Authorize]
    [WolverinePost("/api/checklists/{id}/favourite", OperationId = "MarkChecklistFavourite")]
    public static async Task<IResult> Mark(
        Guid id, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var checklist = await session.LoadAsync<Checklist>(id, ct) ?? throw ApiProblemException.NotFound(ChecklistAccess.Name, id);
        Access.HideUnless(ChecklistAccess.CanRead(Caller.From(user), ChecklistTarget.Of(checklist)), ChecklistAccess.Name, id);
        if (checklist.Retired) throw ApiProblemException.Conflict(ProblemLanguage.Say($"检查表“{checklist.Name}”已停用。", $"Checklist '{checklist.Name}' is retired."));

        var key = ChecklistFavourite.IdFor(caller.UserId, id);
        if (await session.LoadAsync<ChecklistFavourite>(key, ct) is null)
            session.Store(new ChecklistFavourite { Id = key, UserId = caller.UserId, ChecklistId = id, MarkedAt = clock.GetUtcNow() });
        return Results.NoContent();
    }

    [Authorize]
    [WolverineDelete("/api/checklists/{id}/favourite", OperationId = "UnmarkChecklistFavourite")]
    public static IResult Unmark(Guid id, ClaimsPrincipal user, IDocumentSession session)
    {
        session.Delete<ChecklistFavourite>(ChecklistFavourite.IdFor(Caller.From(user).UserId, id));
        return Results.NoContent();
    }

    /// <summary>The caller's favourites still in use and visible to them, most recently marked first.</summary>
    [Authorize]
    [WolverineGet("/api/checklists/favourites", OperationId = "ListFavouriteChecklists")]
    public static async Task<IReadOnlyList<ChecklistDto>> List(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var marks = await session.Query<ChecklistFavourite>().Where(f => f.UserId == caller.UserId)
            .OrderByDescending(f => f.MarkedAt).ToListAsync(ct);
        if (marks.Count == 0) return [];
        var checklists = (await session.LoadManyAsync<Checklist>(ct, marks.Select(m => m.ChecklistId).ToArray())).ToDictionary(c => c.Id);
        return marks
            .Select(m => checklists.GetValueOrDefault(m.ChecklistId))
            .OfType<Checklist>()
            .Where(c => !c.Retired && ChecklistAccess.CanRead(caller, ChecklistTarget.Of(c)))
            .Select(ChecklistDto.From)
            .ToList();
    }
}
