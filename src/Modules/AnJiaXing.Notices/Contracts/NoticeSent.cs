namespace AnJiaXing.Notices.Contracts;

/// <summary>
/// A notice was sent (发送通知): the addressing as written and the people it resolved to at that moment (kept, so a
/// later change of roles or organisations does not change who received it). A forwarded notice names the notice it
/// forwards and the whole chain back to the first one, oldest first.
/// </summary>
public sealed record NoticeSent(
    Guid NoticeId,
    string Title,
    string Body,
    NoticeRecipients Addressed,
    IReadOnlyList<NoticeRecipient> Recipients,
    IReadOnlyList<EvidenceRef> Evidence,
    bool ReplyRequired,
    DateTimeOffset? ReplyBy,
    Guid? ForwardedFromId,
    IReadOnlyList<Guid> Chain,
    DateTimeOffset SentAt,
    Actor By);
