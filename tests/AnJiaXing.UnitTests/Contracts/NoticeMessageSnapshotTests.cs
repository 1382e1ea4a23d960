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
