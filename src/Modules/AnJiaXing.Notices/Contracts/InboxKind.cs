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
    SupervisedByDepartment,
    /// <summary>Safety equipment's inspection expires soon (its own lead, 设备到期提醒): to the enterprise.</summary>
    EquipmentExpiring,
    /// <summary>A certificate expires within 30 days (证书到期提醒): to the enterprise.</summary>
    CertificateExpiring,
    /// <summary>A monitoring point of a major hazard source raised an alarm (重大危险源报警): to the enterprise and its town.</summary>
    MajorHazardAlarm,
    /// <summary>An emergency plan is due for review within 30 days (预案评审提醒): to its owner.</summary>
    EmergencyPlanReviewDue,
    /// <summary>A patrol task's window opened (巡查任务待完成): to its patrollers.</summary>
    PatrolDue,
    /// <summary>A patrol window closed short of its required patrols (漏巡): to the patrollers, the enterprise and its town.</summary>
    PatrolMissed,
}

/// <summary>What an inbox item is about. An item stored before subjects existed has none: it is its notice's or its hazard's.</summary>
public enum InboxSubject
{
    Notice,
    Hazard,
    Equipment,
    Certificate,
    Alarm,
    EmergencyPlan,
    PatrolTask
}
