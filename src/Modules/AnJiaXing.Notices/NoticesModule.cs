using JasperFx.Events.Projections;
using Marten;
using AnJiaXing.Notices.Demo;
using AnJiaXing.Notices.Reminders;
using Wolverine;

namespace AnJiaXing.Notices;

/// <summary>Notices (通知), the inbox and the system reminders (消息提醒).</summary>
public sealed class NoticesModule : IAnJiaXingModule
{
    public string Name => "Notices";

    /// <summary>With town databases (ADR 0030): notices and reminders reach people of every town from one inbox.</summary>
    public AnJiaXing.Platform.Tenancy.ModuleHome Home => AnJiaXing.Platform.Tenancy.ModuleHome.District;

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IDemoSeed, NoticeDemoSeed>();
        // The reminders follow the hazard ledger on the async daemon; the subscription schedules through Wolverine (ADR 0025).
        services.ConfigureMarten((sp, opts) => opts.Projections.Subscribe(new HazardReminderSubscription(sp)));
        // Equipment, certificates, alarms, emergency plans and patrol windows: from those modules' published events.
        services.ConfigureMarten((sp, opts) => opts.Projections.Subscribe(new SubjectReminderSubscription(sp)));
    }

    public void ConfigureMarten(StoreOptions options)
    {
        options.Projections.Snapshot<NoticeView>(SnapshotLifecycle.Inline);
        options.Projections.LiveStreamAggregation<Notice>();
        options.Schema.For<NoticeView>().Index(x => x.SenderId).Index(x => x.SentAt);
        options.Schema.For<InboxItem>().Index(x => x.UserId).Index(x => x.ReceivedAt);
        options.Schema.For<ReminderSchedule>();
    }

    /// <summary>Deadline reminders wait as durable scheduled messages on a local queue of their own: they survive a restart.</summary>
    public void ConfigureWolverine(WolverineOptions options)
    {
        options.PublishMessage<DeadlineReminderDue>().ToLocalQueue(RemindersQueue).UseDurableInbox();
        options.PublishMessage<SubjectReminderDue>().ToLocalQueue(RemindersQueue).UseDurableInbox();
    }

    public const string RemindersQueue = "notice-reminders";
}
