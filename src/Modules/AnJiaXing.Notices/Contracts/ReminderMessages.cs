using Wolverine.Attributes;

namespace AnJiaXing.Notices.Contracts;

/// <summary>
/// A deadline reminder falls due (3 days or 1 day before the deadline, or when it passes): scheduled durably on the
/// notices' local queue when the deadline is set. It carries the deadline it was scheduled for; if that is no longer
/// the hazard's deadline (it was extended) or the hazard left rectification, it does nothing.
/// </summary>
[MessageIdentity("AnJiaXing.Notices.DeadlineReminderDue")]
public sealed record DeadlineReminderDue(Guid HazardId, ReminderKind Kind, DateTimeOffset Deadline, DateTimeOffset DueAt);

/// <summary>
/// A reminder about a subject other than a hazard falls due (equipment or a certificate expiring, a plan due for review,
/// a patrol window opening): scheduled durably when the subject's event is seen. It does nothing unless
/// <see cref="Occasion"/> is still the subject's current one (a revised plan has a new review date, so a new occasion).
/// </summary>
[MessageIdentity("AnJiaXing.Notices.SubjectReminderDue")]
public sealed record SubjectReminderDue(ReminderKind Kind, InboxSubject Subject, Guid SubjectId, string Occasion, DateTimeOffset DueAt);
