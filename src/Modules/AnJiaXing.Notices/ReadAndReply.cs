using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Notices;

public sealed record ReplyToNotice(string Body, Guid[]? EvidenceIds);

public sealed class ReplyToNoticeValidator : AbstractValidator<ReplyToNotice>
{
    public ReplyToNoticeValidator()
    {
        RuleFor(x => x.Body).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请填写回复内容。", "Give the reply.")).MaximumLength(10000);
        RuleFor(x => x.EvidenceIds).Must(ids => ids is null || ids.Length <= 20).WithMessage(_ => ProblemLanguage.Say("附件最多 20 个。", "At most 20 attachments."));
    }
}

/// <summary>The notice's version after a read or a reply.</summary>
public sealed record NoticeVersion(Guid Id, long Version);

public static class ReadAndReplyEndpoints
{
    /// <summary>Marks the notice read for the caller (a recipient); reading it again changes nothing.</summary>
    [Authorize]
    [WolverinePost("/api/notices/{id}/read", OperationId = "MarkNoticeRead")]
    public static async Task<NoticeVersion> Read(Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var outcome = await http.ExecuteAsync(session, id, null, NoticeAccess.Read,
            (notice, caller) => ValueTask.FromResult(notice.MarkRead(caller.Actor, now)), ct);
        await NoticeInbox.UpdateAsync(session, id, Caller.From(http.User).UserId, item => item.ReadAt ??= now, ct);
        return new NoticeVersion(id, outcome.Version);
    }

    /// <summary>Replies to the notice (a recipient), with attachments; a reply also marks it read.</summary>
    [Authorize]
    [WolverinePost("/api/notices/{id}/replies", OperationId = "ReplyToNotice")]
    public static async Task<NoticeVersion> Reply(Guid id, ReplyToNotice command, HttpContext http, IDocumentSession session, TimeProvider clock,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var me = Caller.From(http.User);
        var outcome = await http.ExecuteAsync(session, id, null, NoticeAccess.ReplyTo, async (notice, caller) =>
        {
            var evidence = await NoticeEvidence.ResolveAsync(session, command.EvidenceIds, caller, ct);
            return notice.Reply(caller.Actor, command.Body, evidence, now);
        }, ct);
        await NoticeInbox.UpdateAsync(session, id, me.UserId, item => { item.ReadAt ??= now; item.RepliedAt ??= now; }, ct);
        return new NoticeVersion(id, outcome.Version);
    }
}

internal static class NoticeInbox
{
    public static async Task UpdateAsync(IDocumentSession session, Guid noticeId, Guid userId, Action<InboxItem> change, CancellationToken ct)
    {
        var item = await session.LoadAsync<InboxItem>(InboxItem.NoticeItemId(noticeId, userId), ct);
        if (item is null) return;
        change(item);
        session.Store(item);
    }
}
