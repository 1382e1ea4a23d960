using Alba;
using AnJiaXing.IntegrationTests.Hazards;
using AnJiaXing.IntegrationTests.Infrastructure;

using AnJiaXing.Hazards.Supervision;
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

    private async Task Escalate(OverdueEscalationDue due)
    {
        using var scope = app.Host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(due);
    }

    private async Task<List<OverdueEscalated>> EscalationsOf(Guid hazardId)
    {
        await using var session = app.Store.QuerySession();
        return [.. (await session.Events.FetchStreamAsync(hazardId)).Select(e => e.Data).OfType<OverdueEscalated>()];
    }

    private async Task<long> ScheduledEscalations(Guid hazardId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "select table_schema from information_schema.tables where table_name = 'wolverine_incoming_envelopes'";
        var schema = (string)(await command.ExecuteScalarAsync())!;
        command.CommandText = $"select count(*) from {schema}.wolverine_incoming_envelopes where message_type = 'AnJiaXing.Hazards.OverdueEscalationDue' " +
                              $"and status = 'Scheduled' and position(convert_to('{hazardId}', 'UTF8') in body) > 0";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<System.Text.Json.JsonElement>> HazardWorkOf(string username) =>
        (await app.Call(username, "GET", "/api/my/work")).GetProperty("hazards").EnumerateArray().ToList();

    [Fact]
    public async Task an_overdue_general_hazard_is_escalated_to_its_town_then_to_its_department_once_each()
    {
        var id = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals, description: "危化品仓库通风设施损坏"));
        await app.Act("town.nanxiang", id, "assign", app.Assignment("ent.a2"));
        await AwaitReminders(id, ReminderKind.RectificationAssigned);
        await app.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        Assert.True(await ScheduledEscalations(id) >= 2, "the deadline schedules the town's and the department's escalation durably");

        DateTimeOffset deadline;
        await using (var session = app.Store.QuerySession()) deadline = (await session.LoadAsync<HazardView>(id))!.Deadline!.Value;
        var schedule = OverdueSupervisionSubscription.Schedule(id, deadline, TimeSpan.FromDays(3)).ToList();
        Assert.Equal([deadline, deadline.AddDays(3)], schedule.Select(d => d.DueAt));

        // Early by the service's clock: nothing is appended.
        await Escalate(schedule[0]);
        Assert.Empty(await EscalationsOf(id));

        // The deadline passes: the town, once, however often the message comes.
        app.Clock.SetUtcNow(deadline.AddMinutes(1));
        await Escalate(schedule[0]);
        await Escalate(schedule[0]);
        var town = Assert.Single(await EscalationsOf(id));
        Assert.Equal((SupervisionTier.Town, deadline), (town.Tier, town.Deadline));
        Assert.Equal(Actor.System.Id, town.By.Id);

        var townReminders = await AwaitReminders(id, ReminderKind.SupervisedByTown);
        Assert.Equal([await app.PersonId("town.nanxiang")], townReminders.Select(i => i.UserId));
        Assert.Contains(await HazardWorkOf("town.nanxiang"), h => h.GetProperty("hazardId").GetGuid() == id && h.GetProperty("step").GetString() == "Supervise");
        Assert.DoesNotContain(await HazardWorkOf("dept.emergency"), h => h.GetProperty("hazardId").GetGuid() == id);
        Assert.DoesNotContain(await HazardWorkOf("town.anting"), h => h.GetProperty("hazardId").GetGuid() == id);

        // Two days on the department's message is early: it waits again and appends nothing.
        app.Clock.SetUtcNow(deadline.AddDays(2));
        await Escalate(schedule[1]);
        Assert.Single(await EscalationsOf(id));

        // Three days on: the department of its domain (hazardous chemicals: 应急局), once.
        app.Clock.SetUtcNow(deadline.AddDays(3).AddMinutes(1));
        await Escalate(schedule[1]);
        await Escalate(schedule[1]);
        await Escalate(schedule[0]);
        Assert.Equal([SupervisionTier.Town, SupervisionTier.Department], (await EscalationsOf(id)).Select(e => e.Tier));
        var deptReminders = await AwaitReminders(id, ReminderKind.SupervisedByDepartment);
        Assert.Contains(deptReminders, i => i.UserId == app.Users["dept.emergency"]);
        Assert.DoesNotContain(deptReminders, i => i.UserId == app.Users["dept.construction"]);
        Assert.Contains(await HazardWorkOf("dept.emergency"), h => h.GetProperty("hazardId").GetGuid() == id && h.GetProperty("step").GetString() == "Supervise");

        // The read model and the audit history show both; a replay of the reminders adds nothing.
        var view = await app.Get("district.admin", id);
        Assert.Equal(["Town", "Department"], view.GetProperty("supervision").EnumerateArray().Select(s => s.GetProperty("tier").GetString()));
        var history = await app.Call("district.admin", "GET", $"/api/hazards/{id}/history");
        Assert.Equal(2, history.EnumerateArray().Count(e => e.GetProperty("type").GetString() == "overdue_escalated"));
        await Redeliver();
        Assert.Single(await RemindersOf(id, ReminderKind.SupervisedByTown));
        Assert.Equal(deptReminders.Count, (await RemindersOf(id, ReminderKind.SupervisedByDepartment)).Count);
    }

    [Fact]
    public async Task an_overdue_major_hazard_goes_to_the_department_at_once_and_an_extension_moves_the_escalation()
    {
        var id = await app.Report("inspector.nanxiang", HazardSteps.MajorReport(app.NanxiangChemicals));
        await app.Act("dept.emergency", id, "confirm", new { remarks = "经核实属重大隐患" });
        await app.Act("ent.a1", id, "assign", app.Assignment("ent.a1", major: true));
        DateTimeOffset deadline;
        await using (var session = app.Store.QuerySession()) deadline = (await session.LoadAsync<HazardView>(id))!.Deadline!.Value;

        // Extended before it passed: the old deadline's escalation does nothing, the new one's escalates.
        var extended = deadline.AddDays(5);
        await app.Act("ent.a1", id, "extend-deadline", new { newDeadline = extended, reason = "设备到货延迟" });
        app.Clock.SetUtcNow(deadline.AddMinutes(1));
        await Escalate(OverdueSupervisionSubscription.Schedule(id, deadline, TimeSpan.FromDays(3)).First());
        Assert.Empty(await EscalationsOf(id));

        app.Clock.SetUtcNow(extended.AddMinutes(1));
        var town = OverdueSupervisionSubscription.Schedule(id, extended, TimeSpan.FromDays(3)).First();
        await Escalate(town);
        await Escalate(town);
        var escalations = await EscalationsOf(id);
        Assert.Equal([SupervisionTier.Town, SupervisionTier.Department], escalations.Select(e => e.Tier));
        Assert.All(escalations, e => Assert.Equal(extended, e.Deadline));
        Assert.Contains(await AwaitReminders(id, ReminderKind.SupervisedByDepartment), i => i.UserId == app.Users["dept.emergency"]);
    }
}
