using System.Security.Claims;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Notices;

public static class InboxEndpoint
{
    /// <summary>What reached the caller, newest first: notices and system reminders. Always the caller's own inbox.</summary>
    [Authorize]
    [WolverineGet("/api/inbox", OperationId = "Inbox")]
    public static async Task<PagedResult<InboxItem>> Get(bool? unread, InboxKind? kind, int? page, int? pageSize, ClaimsPrincipal user,
        IQuerySession session, CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        var me = Caller.From(user).UserId;
        var query = session.Query<InboxItem>().Where(i => i.UserId == me);
        if (unread == true) query = query.Where(i => i.ReadAt == null);
        else if (unread == false) query = query.Where(i => i.ReadAt != null);
        if (kind is { } k) query = query.Where(i => i.Kind == k);
        var list = await query.OrderByDescending(i => i.ReceivedAt).ToPagedListAsync(paging.Page, paging.PageSize, ct);
        return new PagedResult<InboxItem>([.. list], paging.Page, paging.PageSize, list.TotalItemCount);
    }
}
