namespace AnJiaXing.Notices;

/// <summary>
/// Who may do what with notices. A notice exists for its sender and its recipients only: nobody reads another person's
/// inbox, whatever their role. Senders are the supervising roles; a town supervisor addresses only people of their own
/// town (its staff and its enterprises), district departments and admins anyone in the district.
/// </summary>
public static class NoticeAccess
{
    public static bool Sees(Caller caller, Notice notice) => notice.SenderId == caller.UserId || notice.Recipients.Contains(caller.UserId);

    public static bool SeesView(Caller caller, NoticeView notice) =>
        notice.SenderId == caller.UserId || notice.Receipts.Any(r => r.UserId == caller.UserId);

    public static bool IsRecipient(Caller caller, Notice notice) => notice.Recipients.Contains(caller.UserId);

    public static bool MaySend(Caller caller) => caller.Role is Role.DistrictAdmin or Role.DepartmentOfficer or Role.TownSupervisor;

    public static bool MayAddress(Caller caller, Person person) => caller.Role switch
    {
        Role.DistrictAdmin or Role.DepartmentOfficer => true,
        Role.TownSupervisor => caller.TownId is { } town && person.TownId == town,
        _ => false
    };

    public static readonly Noun Name = new("通知", "Notice");

    public static readonly CommandRules<Notice> Read = new(Name, Sees, IsRecipient,
        _ => ProblemLanguage.Say("只有收件人可以标记已读。", "Only a recipient may mark the notice as read."));
    public static readonly CommandRules<Notice> ReplyTo = new(Name, Sees, IsRecipient,
        _ => ProblemLanguage.Say("只有收件人可以回复通知。", "Only a recipient may reply to the notice."));
}
