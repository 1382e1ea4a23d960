namespace AnJiaXing.Notices.Contracts;

/// <summary>What an inbox item is: a notice someone sent, or a reminder the system raised from the domain.</summary>
public enum InboxKind
{
    Notice,
    Reminder
}

/// <summary>The system reminders (消息提醒), each sent once per hazard, kind and deadline.</summary>
public enum ReminderKind
{
    RectificationAssigned,
    DeadlineInThreeDays,
    DeadlineInOneDay,
    DeadlinePassed,
    ClosureRequested
}
