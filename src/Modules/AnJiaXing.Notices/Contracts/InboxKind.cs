namespace AnJiaXing.Notices.Contracts;

/// <summary>What an inbox item is: a notice someone sent, or a reminder the system raised from the domain.</summary>
public enum InboxKind
{
    Notice,
    Reminder
}

/// <summary>
/// The system reminders (消息提醒), each sent once per subject, kind, occasion and person. New kinds are appended (items
/// store the name; the order carries no meaning).
/// </summary>
public enum ReminderKind
{
    RectificationAssigned,
    DeadlineInThreeDays,
    DeadlineInOneDay,
    DeadlinePassed,
    ClosureRequested,
    /// <summary>An overdue hazard was put under the town's supervision (街镇督办): to the town's supervisors.</summary>
    SupervisedByTown,
    /// <summary>An overdue hazard went up to the department of its domain (部门督办): to its officers.</summary>
    SupervisedByDepartment
}

/// <summary>What an inbox item is about. An item stored before subjects existed has none: it is its notice's or its hazard's.</summary>
public enum InboxSubject
{
    Notice,
    Hazard
}
