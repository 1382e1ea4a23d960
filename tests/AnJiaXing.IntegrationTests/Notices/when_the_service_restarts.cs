using System.Security.Cryptography;
using Alba;
using AnJiaXing.Hazards.Supervision;
using AnJiaXing.IntegrationTests.Hazards;
using AnJiaXing.IntegrationTests.Infrastructure;
using JasperFx.CommandLine;
using Marten;
using Marten.Events;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Wolverine;

namespace AnJiaXing.IntegrationTests.Notices;

/// <summary>
/// A restart: the first host stops, a second one starts on the same database (the same clock), replays every reminder
/// subscription from the start and receives the same scheduled messages again. Nothing is reminded or escalated twice,
/// and the demo data is not seeded again.
/// </summary>
public class when_the_service_restarts(HazardFixture app) : IClassFixture<HazardFixture>
{
    private async Task<IAlbaHost> SecondHost()
    {
        JasperFxEnvironment.AutoStartHost = true;
        return await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("ConnectionStrings:AnJiaXing", app.ConnectionString);
            builder.UseSetting("AnJiaXing:DemoData", "true");
            builder.UseSetting("AnJiaXing:Auth:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            builder.UseSetting("AnJiaXing:DataFolder", Path.Combine(Path.GetTempPath(), "anjiaxing-test-data"));
            builder.UseSetting("AnJiaXing:Ledger:ExportFolder", app.ExportFolder);
            builder.ConfigureServices(services =>
            {
                services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
                services.Replace(ServiceDescriptor.Singleton<TimeProvider>(app.Clock));
            });
        });
    }

    private static async Task<int> Count(IDocumentStore store, Guid subjectId)
    {
        await using var session = store.QuerySession();
        return await session.Query<InboxItem>().CountAsync(i => i.SubjectId == subjectId && i.Kind == InboxKind.Reminder);
    }

    private static async Task<int> Escalations(IDocumentStore store, Guid hazardId)
    {
        await using var session = store.QuerySession();
        return (await session.Events.FetchStreamAsync(hazardId)).Count(e => e.Data is OverdueEscalated);
    }

    private static async Task Deliver(IAlbaHost host, params object[] messages)
    {
        using var scope = host.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        foreach (var m in messages) await bus.InvokeAsync(m);
    }

    [Fact]
    public async Task reminders_and_escalations_stay_exactly_once_on_a_second_host_over_the_same_database()
    {
        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals, description: "应急照明灯损坏"));
        await app.Act("town.nanxiang", id, "assign", app.Assignment("ent.a2"));
        DateTimeOffset deadline;
        await using (var session = app.Store.QuerySession()) deadline = (await session.LoadAsync<HazardView>(id))!.Deadline!.Value;
        var reminders = Reminders.DeadlineReminders(id, deadline).ToArray<object>();
        var escalations = OverdueSupervisionSubscription.Schedule(id, deadline, TimeSpan.FromDays(3)).ToArray<object>();

        app.Clock.SetUtcNow(deadline.AddDays(3).AddMinutes(1));
        await Deliver(app.Host, [.. reminders, .. escalations]);
        await app.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        for (var i = 0; i < 300 && await Count(app.Store, id) < 6; i++) await Task.Delay(100);
        var before = await Count(app.Store, id);
        // Assigned, three deadline reminders and the passed one to the enterprise users too, the town's and the department's escalation.
        Assert.True(before >= 6, $"{before} reminders before the restart");
        Assert.Equal(2, await Escalations(app.Store, id));
        int demoNotices;
        await using (var session = app.Store.QuerySession())
            demoNotices = await session.Query<NoticeView>().CountAsync(n => n.Title == global::AnJiaXing.Notices.Demo.NoticeDemoSeed.Title);
        Assert.True(demoNotices >= 3, "the district notice and its two forwards are in the demo data");

        await app.Host.StopAsync();
        await using var second = await SecondHost();
        var daemon = second.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        foreach (var name in new[] { HazardReminderSubscription.SubscriptionTitle, SubjectReminderSubscription.SubscriptionTitle, OverdueSupervisionSubscription.SubscriptionTitle })
            await daemon.RewindSubscriptionAsync(name, CancellationToken.None, sequenceFloor: 0);
        await second.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        await Deliver(second, [.. reminders, .. escalations]);

        var store = second.Services.GetRequiredService<IDocumentStore>();
        Assert.Equal(before, await Count(store, id));
        Assert.Equal(2, await Escalations(store, id));
        await using (var session = store.QuerySession())
            Assert.Equal(demoNotices, await session.Query<NoticeView>().CountAsync(n => n.Title == global::AnJiaXing.Notices.Demo.NoticeDemoSeed.Title));
        await second.StopAsync();
    }
}
