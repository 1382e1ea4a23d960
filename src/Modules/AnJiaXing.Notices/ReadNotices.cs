using System.Security.Claims;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Notices;

/// <summary>One line of the sent log: the notice and its read and reply counts.</summary>
public sealed record SentNotice(Guid Id, string Title, DateTimeOffset SentAt, bool ReplyRequired, DateTimeOffset? ReplyBy, Guid? ForwardedFromId,
    int Recipients, int Read, int Replied);

/// <summary>The receipts of a notice (回执): per recipient when they read and replied, and the counts.</summary>
public sealed record NoticeReceipts(Guid NoticeId, string Title, int Recipients, int Read, int Replied, IReadOnlyList<NoticeReceipt> Receipts);

public static class ReadNoticesEndpoints
{
    /// <summary>The caller's sent log, newest first.</summary>
    [Authorize]
    [WolverineGet("/api/notices/sent", OperationId = "SentNotices")]
    public static async Task<PagedResult<SentNotice>> Sent(int? page, int? pageSize, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        var me = Caller.From(user).UserId;
        var list = await session.Query<NoticeView>().Where(n => n.SenderId == me).OrderByDescending(n => n.SentAt)
            .ToPagedListAsync(paging.Page, paging.PageSize, ct);
        return new PagedResult<SentNotice>([.. list.Select(n => new SentNotice(n.Id, n.Title, n.SentAt, n.ReplyRequired, n.ReplyBy, n.ForwardedFromId,
            n.RecipientCount, n.ReadCount, n.RepliedCount))], paging.Page, paging.PageSize, list.TotalItemCount);
    }

    /// <summary>The receipts: for the sender only (to anyone else the notice's receipts do not exist).</summary>
    [Authorize]
    [WolverineGet("/api/notices/{id}/receipts", OperationId = "NoticeReceipts")]
    public static async Task<NoticeReceipts> Receipts(Guid id, ClaimsPrincipal user, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var notice = await session.LoadAsync<NoticeView>(id, ct);
        Access.HideUnless(notice is not null && notice.SenderId == Caller.From(user).UserId, NoticeAccess.Name, id);
        http.AnswerVersion(notice!.Version);
        return new NoticeReceipts(id, notice.Title, notice.RecipientCount, notice.ReadCount, notice.RepliedCount, notice.Receipts);
    }

    /// <summary>
    /// The notice: its sender sees everything; a recipient sees the notice and the chain it came down, but not the
    /// other recipients' receipts or replies.
    /// </summary>
    [Authorize]
    [WolverineGet("/api/notices/{id}", OperationId = "GetNotice")]
    public static async Task<NoticeView> Get(Guid id, ClaimsPrincipal user, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var notice = await session.LoadAsync<NoticeView>(id, ct);
        Access.HideUnless(notice is not null && NoticeAccess.SeesView(caller, notice), NoticeAccess.Name, id);
        http.AnswerVersion(notice!.Version);
        if (notice.SenderId != caller.UserId)
        {
            notice.Receipts = [.. notice.Receipts.Where(r => r.UserId == caller.UserId)];
            notice.Replies = [.. notice.Replies.Where(r => r.UserId == caller.UserId)];
        }
        return notice;
    }
}
