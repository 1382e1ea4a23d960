using JasperFx.Events.Projections;
using Marten;
using Wolverine;

namespace AnJiaXing.Notices;

/// <summary>Notices (通知), the inbox and the system reminders (消息提醒).</summary>
public sealed class NoticesModule : IAnJiaXingModule
{
    public string Name => "Notices";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public void ConfigureMarten(StoreOptions options)
    {
        options.Projections.Snapshot<NoticeView>(SnapshotLifecycle.Inline);
        options.Projections.LiveStreamAggregation<Notice>();
        options.Schema.For<NoticeView>().Index(x => x.SenderId).Index(x => x.SentAt);
        options.Schema.For<InboxItem>().Index(x => x.UserId).Index(x => x.ReceivedAt);
    }

    public void ConfigureWolverine(WolverineOptions options)
    {
    }
}
