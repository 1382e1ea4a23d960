namespace AnJiaXing.Notices.Contracts;

/// <summary>A recipient replied to the notice (回复), with attachments.</summary>
public sealed record NoticeReplied(Guid NoticeId, Guid ReplyId, string Body, IReadOnlyList<EvidenceRef> Evidence, DateTimeOffset RepliedAt, Actor By);
