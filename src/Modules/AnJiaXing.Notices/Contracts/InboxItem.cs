namespace AnJiaXing.Notices.Contracts;

/// <summary>
/// One item in one person's inbox: a notice that reached them, or a system reminder. Its id is deterministic (the
/// notice and the person, or the subject, the reminder kind, the occasion and the person), so writing it twice stores it
/// once. <see cref="Subject"/> and <see cref="SubjectId"/> say what it is about; <see cref="NoticeId"/> and
/// <see cref="HazardId"/> stay filled for notices and hazards, as in items stored before subjects existed.
/// </summary>
public sealed class InboxItem
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public InboxKind Kind { get; set; }
    public ReminderKind? Reminder { get; set; }
    public Guid? NoticeId { get; set; }
    public Guid? HazardId { get; set; }
    public InboxSubject? Subject { get; set; }
    public Guid? SubjectId { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string From { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    public bool ReplyRequired { get; set; }
    public DateTimeOffset? ReplyBy { get; set; }
    public DateTimeOffset? RepliedAt { get; set; }

    public static Guid NoticeItemId(Guid noticeId, Guid userId) => StableId.For($"inbox/notice/{noticeId:N}/{userId:N}");

    /// <summary>A reminder's id: the subject (a hazard …), the kind, the occasion (the deadline it is for, or the request) and the person.</summary>
    public static Guid ReminderItemId(Guid subjectId, ReminderKind kind, string occasion, Guid userId) =>
        StableId.For($"inbox/reminder/{subjectId:N}/{kind}/{occasion}/{userId:N}");
}
