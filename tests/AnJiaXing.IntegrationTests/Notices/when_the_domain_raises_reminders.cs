using Alba;
using AnJiaXing.IntegrationTests.Hazards;
using AnJiaXing.IntegrationTests.Infrastructure;

using Marten;
using Marten.Events.Daemon.Coordination;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace AnJiaXing.IntegrationTests.Notices;

public class when_the_domain_raises_reminders(HazardFixture app) : IClassFixture<HazardFixture>
{
    private async Task<List<InboxItem>> RemindersOf(Guid hazardId, ReminderKind kind)
    {
        await using var session = app.Store.QuerySession();
        return [.. await session.Query<InboxItem>().Where(i => i.HazardId == hazardId && i.Reminder == kind).ToListAsync()];
    }

    private async Task<List<InboxItem>> AwaitReminders(Guid hazardId, ReminderKind kind, int atLeast = 1)
    {
        for (var i = 0; i < 300; i++)
        {
            var items = await RemindersOf(hazardId, kind);
            if (items.Count >= atLeast) return items;
            await Task.Delay(100);
        }
        return await RemindersOf(hazardId, kind);
    }

    /// <summary>Redelivery: the subscription is rewound to the start of the store and reads every event again.</summary>
    private async Task Redeliver()
    {
        var daemon = app.Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.RewindSubscriptionAsync(HazardReminderSubscription.SubscriptionTitle, CancellationToken.None, sequenceFloor: 0);
        await app.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    private async Task Fire(DeadlineReminderDue due)
    {
        using var scope = app.Host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(due);
    }

    [Fact]
    public async Task an_assigned_rectification_reminds_the_responsible_person_once_even_when_redelivered()
    {
        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals));
        await app.Act("town.nanxiang", id, "assign", app.Assignment("ent.a2"));

        var items = await AwaitReminders(id, ReminderKind.RectificationAssigned);
        var item = Assert.Single(items);
        Assert.Equal(app.Users["ent.a2"], item.UserId);
        Assert.Equal(InboxKind.Reminder, item.Kind);

        var inbox = await app.Inbox("ent.a2", "?kind=Reminder");
        Assert.Contains(inbox, i => i.GetProperty("hazardId").GetGuid() == id && i.GetProperty("reminder").GetString() == "RectificationAssigned");
        await app.Call("ent.a2", "GET", "/api/inbox?kind=Reminder"); // the responsible person's own inbox
        Assert.DoesNotContain(await app.Inbox("ent.a1", "?kind=Reminder"), i => i.GetProperty("hazardId").GetGuid() == id);

        await Redeliver();
        Assert.Single(await RemindersOf(id, ReminderKind.RectificationAssigned));
    }

    [Fact]
    public async Task deadline_reminders_fire_once_each_and_an_extension_moves_them()
    {
        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals, description: "消防通道堵塞"));
        await app.Act("town.nanxiang", id, "assign", app.Assignment("ent.a2"));
        await AwaitReminders(id, ReminderKind.RectificationAssigned);
        await using (var session = app.Store.QuerySession())
        {
            var deadline = (await session.LoadAsync<HazardView>(id))!.Deadline!.Value;
            var reminders = Reminders.DeadlineReminders(id, deadline).ToList();
            Assert.Equal([deadline.AddDays(-3), deadline.AddDays(-1), deadline], reminders.Select(r => r.DueAt));

            // Not yet due by the service's clock: nothing, whatever fires.
            await Fire(reminders[0]);
            Assert.Empty(await RemindersOf(id, ReminderKind.DeadlineInThreeDays));

            // Three days before: once, even when the message is delivered twice.
            app.Clock.SetUtcNow(reminders[0].DueAt.AddMinutes(1));
            await Fire(reminders[0]);
            await Fire(reminders[0]);
            Assert.Equal([app.Users["ent.a2"]], (await RemindersOf(id, ReminderKind.DeadlineInThreeDays)).Select(i => i.UserId));

            // The deadline is extended by a week: the old one-day reminder does nothing, the new one reminds.
            var extended = deadline.AddDays(7);
            await app.Act("ent.a1", id, "extend-deadline", new { newDeadline = extended, reason = "备件采购周期长" });
            app.Clock.SetUtcNow(reminders[1].DueAt.AddMinutes(1));
            await Fire(reminders[1]);
            Assert.Empty(await RemindersOf(id, ReminderKind.DeadlineInOneDay));

            var moved = Reminders.DeadlineReminders(id, extended).ToList();
            app.Clock.SetUtcNow(moved[1].DueAt.AddMinutes(1));
            await Fire(moved[1]);
            await Fire(moved[1]);
            Assert.Single(await RemindersOf(id, ReminderKind.DeadlineInOneDay));

            // Passing the old deadline is not overdue; passing the new one reminds the responsible person and the enterprise once.
            await Fire(reminders[2]);
            Assert.Empty(await RemindersOf(id, ReminderKind.DeadlinePassed));
            app.Clock.SetUtcNow(extended.AddMinutes(1));
            await Fire(moved[2]);
            await Fire(moved[2]);
            var passed = await RemindersOf(id, ReminderKind.DeadlinePassed);
            Assert.Equal(new[] { app.Users["ent.a1"], app.Users["ent.a2"] }.Order(), passed.Select(i => i.UserId).Order());
        }
    }

    [Fact]
    public async Task the_assignment_and_the_extension_schedule_durable_deadline_reminders()
    {
        var id = await app.Report("ent.b1", HazardSteps.GeneralReport(app.AntingConstruction, description: "脚手架连墙件缺失"));
        await app.Act("ent.b1", id, "assign", app.Assignment("ent.b1"));
        await AwaitReminders(id, ReminderKind.RectificationAssigned);
        await app.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "select table_schema from information_schema.tables where table_name = 'wolverine_incoming_envelopes'";
        var schema = (string)(await command.ExecuteScalarAsync())!;
        command.CommandText = $"select count(*) from {schema}.wolverine_incoming_envelopes where message_type = 'AnJiaXing.Notices.DeadlineReminderDue' and status = 'Scheduled'";
        var scheduled = (long)(await command.ExecuteScalarAsync())!;
        Assert.True(scheduled >= 3, $"{scheduled} scheduled deadline reminders");
    }

    [Fact]
    public async Task a_closure_request_reminds_the_department_of_the_domain_once()
    {
        var id = await app.Report("inspector.nanxiang", HazardSteps.MajorReport(app.NanxiangChemicals));
        await app.Act("dept.emergency", id, "confirm", new { remarks = "经核实属重大隐患" });
        await app.Act("ent.a1", id, "assign", app.Assignment("ent.a1", major: true));
        await app.Act("ent.a1", id, "rectification", new { description = "已转移超量物料", evidenceIds = Array.Empty<Guid>() });
        await app.Act("town.nanxiang", id, "recheck", new { passed = true, remarks = "复查合格" });
        await app.Act("ent.a1", id, "closure-request", new { remarks = "申请销号" });

        var items = await AwaitReminders(id, ReminderKind.ClosureRequested);
        var dept = await app.PersonId("dept.emergency");
        Assert.Contains(items, i => i.UserId == dept);
        Assert.DoesNotContain(items, i => i.UserId == app.Users["ent.a1"]);
        var construction = await app.PersonId("dept.construction");
        Assert.DoesNotContain(items, i => i.UserId == construction);
        await Redeliver();
        Assert.Equal(items.Count, (await RemindersOf(id, ReminderKind.ClosureRequested)).Count);
        Assert.Single(await RemindersOf(id, ReminderKind.ClosureRequested), i => i.UserId == dept);
    }
}
