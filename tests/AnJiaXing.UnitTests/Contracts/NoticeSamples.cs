using static AnJiaXing.UnitTests.Contracts.EventSamples;
using static AnJiaXing.UnitTests.Hazards.HazardSamples;

namespace AnJiaXing.UnitTests.Contracts;

/// <summary>Samples of the notices module's events, messages and HTTP answers.</summary>
public static class NoticeSamples
{
    public static readonly Guid NoticeId = Guid.Parse("01930000-0000-7000-8000-000000002001");
    public static readonly Guid ForwardedId = Guid.Parse("01930000-0000-7000-8000-000000002002");
    public static readonly Guid ReplyId = Guid.Parse("01930000-0000-7000-8000-000000002003");

    public static readonly NoticeRecipients ToTownSupervisors = new([TownId, OtherTownId], [Role.TownSupervisor], []);
    public static readonly NoticeRecipient TownRecipient = new(Town.Id, Town.Name, Role.TownSupervisor, TownId, "南翔镇");

    public static NoticeSent Sent() => new(NoticeId, "关于开展冬季危化品安全专项检查的通知", "请各街镇于12月15日前完成辖区危化品企业全覆盖检查。",
        ToTownSupervisors, [TownRecipient], [Photo], true, T0.AddDays(10), null, [], T0, DistrictAdmin);

    public static IEnumerable<object> Events() =>
    [
        Sent(),
        new NoticeRead(NoticeId, T0.AddHours(1), Town),
        new NoticeReplied(NoticeId, ReplyId, "已部署，本周内完成检查。", [Photo], T0.AddHours(2), Town),
    ];

    public static NoticeView View()
    {
        var view = new NoticeView
        {
            Id = NoticeId, Title = "关于开展冬季危化品安全专项检查的通知", Body = "请各街镇于12月15日前完成辖区危化品企业全覆盖检查。", SenderId = DistrictAdmin.Id,
            Sender = DistrictAdmin, SentAt = T0, Addressed = ToTownSupervisors, Evidence = [Photo], ReplyRequired = true, ReplyBy = T0.AddDays(10),
            Receipts = [new NoticeReceipt(Town.Id, Town.Name, "南翔镇", T0.AddHours(1), T0.AddHours(2))],
            Replies = [new NoticeReply(ReplyId, Town.Id, Town.Name, "已部署，本周内完成检查。", [Photo], T0.AddHours(2))],
            RecipientCount = 1, ReadCount = 1, RepliedCount = 1, Version = 3
        };
        return view;
    }

    public static IReadOnlyDictionary<string, object> Answers() => new Dictionary<string, object>
    {
        ["NoticeView"] = View(),
        ["NoticeVersion"] = new NoticeVersion(NoticeId, 2),
        ["SentNotice"] = new SentNotice(NoticeId, "关于开展冬季危化品安全专项检查的通知", T0, true, T0.AddDays(10), null, 2, 1, 1),
        ["NoticeReceipts"] = new NoticeReceipts(NoticeId, "关于开展冬季危化品安全专项检查的通知", 1, 1, 1,
            [new NoticeReceipt(Town.Id, Town.Name, "南翔镇", T0.AddHours(1), T0.AddHours(2))]),
        ["InboxItem"] = new InboxItem
        {
            Id = InboxItem.NoticeItemId(NoticeId, Town.Id), UserId = Town.Id, Kind = InboxKind.Notice, NoticeId = NoticeId,
            Subject = InboxSubject.Notice, SubjectId = NoticeId, Title = "关于开展冬季危化品安全专项检查的通知", Body = "请各街镇于12月15日前完成辖区危化品企业全覆盖检查。", From = "嘉定区 区应急局管理员 陈静",
            ReceivedAt = T0, ReadAt = T0.AddHours(1), ReplyRequired = true, ReplyBy = T0.AddDays(10), RepliedAt = T0.AddHours(2)
        },
        ["MyWork"] = new MyWork(
            [new HazardWorkItem(HazardId, "SubmitRectification", HazardLevel.General, HazardStatus.Rectifying, EnterpriseId, "南翔化工有限公司", "南翔镇",
                "配电箱门未关闭，线路裸露", T0.AddDays(7), false, T0, 3)],
            1,
            [new PlannedInspectionWork(PlanId, "2026年冬季危化品专项检查", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), EnterpriseId, "南翔化工有限公司", null)],
            [new PatrolWork(Guid.Parse("01930000-0000-7000-8000-000000002010"), "储罐区每日巡查", "南翔化工有限公司", T0.AddHours(-2), T0.AddHours(22), 2, 1)],
            [new NoticeAwaitingReply(NoticeId, "关于开展冬季危化品安全专项检查的通知", "嘉定区 区应急局管理员 陈静", T0, T0.AddDays(10), false)]),
    };
}
