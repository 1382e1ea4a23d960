using Wolverine.Attributes;

namespace AnJiaXing.Notices.Contracts;

/// <summary>
/// A deadline reminder falls due (3 days or 1 day before the deadline, or when it passes): scheduled durably on the
/// notices' local queue when the deadline is set. It carries the deadline it was scheduled for; if that is no longer
/// the hazard's deadline (it was extended) or the hazard left rectification, it does nothing.
/// </summary>
[MessageIdentity("AnJiaXing.Notices.DeadlineReminderDue")]
public sealed record DeadlineReminderDue(Guid HazardId, ReminderKind Kind, DateTimeOffset Deadline, DateTimeOffset DueAt);
