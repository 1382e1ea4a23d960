namespace AnJiaXing.Notices.Contracts;

/// <summary>A recipient read the notice (已读), the first time.</summary>
public sealed record NoticeRead(Guid NoticeId, DateTimeOffset ReadAt, Actor By);
