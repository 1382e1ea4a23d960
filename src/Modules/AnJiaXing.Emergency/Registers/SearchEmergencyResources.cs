using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Emergency.Registers;

public static class SearchEmergencyResourcesEndpoint
{
    /// <summary>
    /// A register's entries in the caller's scope, by name. <c>q</c> matches part of the name, category, location, keeper
    /// or speciality; <c>expiringWithin</c> (days) lists supplies whose expiry falls before then (expired included).
    /// </summary>
    [Authorize]
    [WolverineGet("/api/emergency/{register}", OperationId = "SearchEmergencyResources")]
    public static async Task<PagedResult<EmergencyResourceView>> Get(string register, Guid? enterpriseId, Guid? townId, string? q,
        int? expiringWithin, int? page, int? pageSize, HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var kind = EmergencyResources.Parse(register);
        var paging = Paging.From(page, pageSize);
        if (expiringWithin is < 0 or > 3650) throw ApiProblemException.Validation("expiringWithin", ProblemLanguage.Say("expiringWithin 应在 0–3650 天之间。", "expiringWithin must be between 0 and 3650 days."));

        var query = session.Query<EmergencyResourceView>().Where(r => r.Register == kind).InScope(Caller.From(http.User));
        if (enterpriseId is { } e) query = query.Where(r => r.EnterpriseId == e);
        if (townId is { } t) query = query.Where(r => r.TownId == t);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLowerInvariant();
            query = query.Where(r => r.SearchText.Contains(term));
        }
        if (expiringWithin is { } days)
        {
            var until = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(days);
            query = query.Where(r => r.Details.ExpiresOn != null && r.Details.ExpiresOn <= until);
        }

        var list = await query.OrderBy(r => r.Details.Name).ThenBy(r => r.Id).ToPagedListAsync(paging, ct);
        return new PagedResult<EmergencyResourceView>(list.ToList(), paging.Page, paging.PageSize, list.TotalItemCount);
    }
}
