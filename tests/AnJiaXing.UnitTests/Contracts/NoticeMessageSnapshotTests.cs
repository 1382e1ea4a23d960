using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit;
using static AnJiaXing.UnitTests.Hazards.HazardSamples;

namespace AnJiaXing.UnitTests.Contracts;

/// <summary>
/// The deadline reminder waits in the durable inbox for days as a scheduled envelope, so its JSON is a contract like an
/// event's. It names no actor (the system schedules it), so the event discovery does not find it: it is pinned here.
/// </summary>
public class NoticeMessageSnapshotTests
{
    [Fact]
    public void the_deadline_reminder_message_keeps_its_json_shape()
    {
        var due = new DeadlineReminderDue(HazardId, ReminderKind.DeadlineInThreeDays, T0.AddDays(7), T0.AddDays(4));
        Snapshot.Match(JToken.Parse(ContractDiscovery.EventSerializer.ToJson(due)), new SnapshotNameExtension(nameof(DeadlineReminderDue)));
    }

    [Fact]
    public void the_subject_reminder_message_keeps_its_json_shape()
    {
        var due = new SubjectReminderDue(ReminderKind.EquipmentExpiring, InboxSubject.Equipment, Guid.Parse("01930000-0000-7000-8000-000000001004"),
            "expires 2027-05-09", T0.AddDays(180));
        Snapshot.Match(JToken.Parse(ContractDiscovery.EventSerializer.ToJson(due)), new SnapshotNameExtension(nameof(SubjectReminderDue)));
    }

    [Fact]
    public async Task equipment_reminds_its_own_lead_before_expiry_in_the_morning_china_time()
    {
        var e = new EquipmentRegistered(Guid.Parse("01930000-0000-7000-8000-000000001004"), EnterpriseId, "南翔化工有限公司", TownId, [IndustryDomain.HazardousChemicals],
            "可燃气体报警控制器", "气体检测报警", "GD-2024-017", "甲类仓库", null, new DateOnly(2027, 5, 9), 30, EnterpriseUser);
        var plan = Assert.Single(await SubjectReminderSources.ByKind[ReminderKind.EquipmentExpiring]
            .PlanAsync(new JasperFx.Events.Event<EquipmentRegistered>(e), T0, (_, _) => Task.FromResult<ReminderSchedule?>(null), CancellationToken.None));
        Assert.Equal(new DateTimeOffset(2027, 4, 9, 9, 0, 0, TimeSpan.FromHours(8)), plan.DueAt);
        Assert.Equal(EnterpriseId, plan.Audience.EnterpriseId);
    }

    [Fact]
    public void a_patrol_window_reminder_is_followed_by_the_next_window_and_skips_closed_ones()
    {
        var source = SubjectReminderSources.ByKind[ReminderKind.PatrolDue];
        var china = TimeSpan.FromHours(8);
        var fired = new ReminderSchedule
        {
            Kind = ReminderKind.PatrolDue, Subject = InboxSubject.PatrolTask, SubjectId = HazardId, SubjectName = "储罐区每日巡查",
            Occasion = $"window {new DateTimeOffset(2026, 11, 2, 0, 0, 0, china).UtcTicks} Day", DueAt = new DateTimeOffset(2026, 11, 2, 0, 0, 0, china),
            Title = "巡查任务待完成：储罐区每日巡查", Body = "", Audience = Audience.People([Responsible.Id])
        };
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 0, 0, 0, china), source.Next(fired, fired.DueAt.AddHours(1))!.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 6, 0, 0, 0, china), source.Next(fired, new DateTimeOffset(2026, 11, 5, 10, 0, 0, china))!.DueAt);
    }

    [Fact]
    public void reminder_ids_are_deterministic_per_hazard_kind_occasion_and_person()
    {
        var deadline = T0.AddDays(7);
        var a = InboxItem.ReminderItemId(HazardId, ReminderKind.DeadlineInOneDay, Reminders.DeadlineKey(deadline), Responsible.Id);
        Assert.Equal(a, InboxItem.ReminderItemId(HazardId, ReminderKind.DeadlineInOneDay, Reminders.DeadlineKey(deadline), Responsible.Id));
        Assert.NotEqual(a, InboxItem.ReminderItemId(HazardId, ReminderKind.DeadlineInOneDay, Reminders.DeadlineKey(deadline.AddDays(7)), Responsible.Id));
        Assert.NotEqual(a, InboxItem.ReminderItemId(HazardId, ReminderKind.DeadlineInThreeDays, Reminders.DeadlineKey(deadline), Responsible.Id));
        Assert.NotEqual(a, InboxItem.ReminderItemId(HazardId, ReminderKind.DeadlineInOneDay, Reminders.DeadlineKey(deadline), EnterpriseUser.Id));
    }

    [Fact]
    public void a_deadline_schedules_three_reminders_three_days_one_day_and_at_the_deadline()
    {
        var deadline = T0.AddDays(7);
        Assert.Equal([(ReminderKind.DeadlineInThreeDays, T0.AddDays(4)), (ReminderKind.DeadlineInOneDay, T0.AddDays(6)), (ReminderKind.DeadlinePassed, deadline)],
            Reminders.DeadlineReminders(HazardId, deadline).Select(r => (r.Kind, r.DueAt)));
    }

    [Fact]
    public void a_recipient_reads_once_and_a_reply_is_kept()
    {
        var notice = Notice.Create(NoticeSamples.Sent());
        var read = Assert.IsType<NoticeRead>(Assert.Single(notice.MarkRead(Town, T0.AddHours(1))));
        notice.Apply(read);
        Assert.Empty(notice.MarkRead(Town, T0.AddHours(2)));
        Assert.IsType<NoticeReplied>(Assert.Single(notice.Reply(Town, "已部署", [], T0.AddHours(3))));
    }
}
