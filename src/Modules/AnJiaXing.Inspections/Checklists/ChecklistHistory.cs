using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Inspections.Checklists;

/// <summary>One entry of a checklist's history: what each version was and who made it.</summary>
public sealed record ChecklistVersionEntry(int Version, string Change, string Name, int ItemCount, string? Note, Actor By, DateTimeOffset At);

public static class ChecklistHistoryEndpoint
{
    [Authorize]
    [WolverineGet("/api/checklists/{id}/versions", OperationId = "ListChecklistVersions")]
    public static async Task<IReadOnlyList<ChecklistVersionEntry>> Get(
        Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var checklist = await session.LoadAsync<Checklist>(id, ct) ?? throw ApiProblemException.NotFound(ChecklistAccess.Name, id);
        Access.HideUnless(ChecklistAccess.CanRead(Caller.From(user), ChecklistTarget.Of(checklist)), ChecklistAccess.Name, id);

        var entries = new List<ChecklistVersionEntry>();
        var (name, count) = ("", 0);
        foreach (var e in await session.Events.FetchStreamAsync(id, token: ct))
        {
            var entry = e.Data switch
            {
                ChecklistPublished p => new ChecklistVersionEntry((int)e.Version, "Published", p.Name, p.Items.Count, null, p.By, e.Timestamp),
                ChecklistRevised r => new ChecklistVersionEntry((int)e.Version, "Revised", r.Name, r.Items.Count, r.Note, r.By, e.Timestamp),
                ChecklistRetired t => new ChecklistVersionEntry((int)e.Version, "Retired", name, count, t.Reason, t.By, e.Timestamp),
                _ => null
            };
            if (entry is null) continue;
            (name, count) = (entry.Name, entry.ItemCount);
            entries.Add(entry);
        }
        return entries;
    }
}
