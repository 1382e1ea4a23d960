using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using AnJiaXing.IntegrationTests.Monitoring;
using Marten;
using Marten.Events;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace AnJiaXing.IntegrationTests.Notices;

/// <summary>Reminders about subjects other than hazards: alarms on major hazard sources, expiring equipment and certificates, emergency plans due for review.</summary>
public class when_registers_and_alarms_raise_reminders(MonitoringFixture app) : IClassFixture<MonitoringFixture>
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private async Task<List<InboxItem>> RemindersOf(Guid subjectId, ReminderKind kind)
    {
        await using var session = app.Store.QuerySession();
        return [.. await session.Query<InboxItem>().Where(i => i.SubjectId == subjectId && i.Reminder == kind).ToListAsync()];
    }

    private async Task<List<InboxItem>> AwaitReminders(Guid subjectId, ReminderKind kind)
    {
        for (var i = 0; i < 300; i++)
        {
            var items = await RemindersOf(subjectId, kind);
            if (items.Count > 0) return items;
            await Task.Delay(100);
        }
        return await RemindersOf(subjectId, kind);
    }

    private async Task<Guid> PersonId(string username) => await NoticeStepsFor(username);

    private async Task<Guid> NoticeStepsFor(string username)
    {
        await using var session = app.Store.QuerySession();
        return (await session.Query<Person>().SingleAsync(p => p.Username == username)).Id;
    }

    private async Task Redeliver()
    {
        var daemon = app.Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.RewindSubscriptionAsync(SubjectReminderSubscription.SubscriptionTitle, CancellationToken.None, sequenceFloor: 0);
        await app.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task an_alarm_on_a_major_hazard_source_reaches_the_enterprise_and_its_town_once()
    {
        var (_, key) = await app.SensorFor("NTC-H-1");
        await app.Send(key, MonitoringFixture.Readings("NTC-H-1", DateTimeOffset.UtcNow.AddMinutes(-5), 7.0, 8.6));
        var alarm = Assert.Single(await app.Alarms("ent.demo1", "status=Open&point=NTC-H-1")).GetProperty("id").GetGuid();

        var items = await AwaitReminders(alarm, ReminderKind.MajorHazardAlarm);
        var recipients = items.Select(i => i.UserId).ToHashSet();
        Assert.Contains(await PersonId("ent.demo1"), recipients);
        Assert.Contains(await PersonId("town.nanxiang"), recipients);
        Assert.DoesNotContain(await PersonId("town.anting"), recipients);
        Assert.DoesNotContain(await PersonId("ent.demo3"), recipients);
        Assert.All(items, i => Assert.Equal(InboxSubject.Alarm, i.Subject));

        var inbox = (await app.As("town.nanxiang", s => s.Get.Url("/api/inbox?kind=Reminder&pageSize=200"))).Json().GetProperty("items").EnumerateArray();
        Assert.Contains(inbox, i => i.GetProperty("subjectId").GetString() == alarm.ToString() && i.GetProperty("reminder").GetString() == "MajorHazardAlarm");

        await Redeliver();
        Assert.Equal(items.Count, (await RemindersOf(alarm, ReminderKind.MajorHazardAlarm)).Count);
    }

    [Fact]
    public async Task equipment_and_certificates_remind_before_they_expire_once_and_later_ones_wait_durably()
    {
        var soon = (await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { enterpriseId = app.Chemicals, name = "可燃气体报警控制器", kind = "气体检测报警", code = "GD-7", location = "甲类仓库",
                expiresOn = Today.AddDays(10), remindDaysBefore = 30 }).ToUrl("/api/equipment");
            s.StatusCodeShouldBe(201);
        })).Json().GetProperty("id").GetGuid();
        var later = (await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { enterpriseId = app.Chemicals, name = "防爆风机", kind = "通风", expiresOn = Today.AddDays(400), remindDaysBefore = 30 }).ToUrl("/api/equipment");
            s.StatusCodeShouldBe(201);
        })).Json().GetProperty("id").GetGuid();
        var certificate = (await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { enterpriseId = app.Chemicals, holderName = "李强", kind = "特种作业操作证", number = "T310114-77", expiresOn = Today.AddDays(20) })
                .ToUrl("/api/certificates");
            s.StatusCodeShouldBe(201);
        })).Json().GetProperty("id").GetGuid();

        var me = await PersonId("ent.demo1");
        var town = await PersonId("town.nanxiang");
        Assert.Contains(await AwaitReminders(soon, ReminderKind.EquipmentExpiring), i => i.UserId == me);
        Assert.Contains(await AwaitReminders(certificate, ReminderKind.CertificateExpiring), i => i.UserId == me);
        Assert.DoesNotContain(await RemindersOf(soon, ReminderKind.EquipmentExpiring), i => i.UserId == town);
        await app.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        Assert.Empty(await RemindersOf(later, ReminderKind.EquipmentExpiring));

        await using (var session = app.Store.QuerySession())
        {
            var schedule = await session.LoadAsync<ReminderSchedule>(ReminderSchedule.IdOf(ReminderKind.EquipmentExpiring, later));
            Assert.NotNull(schedule);
            Assert.Equal(SubjectReminderSources.MorningOf(Today.AddDays(370)), schedule.DueAt);
        }
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "select table_schema from information_schema.tables where table_name = 'wolverine_incoming_envelopes'";
        var schema = (string)(await command.ExecuteScalarAsync())!;
        command.CommandText = $"select count(*) from {schema}.wolverine_incoming_envelopes where message_type = 'AnJiaXing.Notices.SubjectReminderDue' " +
                              $"and status = 'Scheduled' and position(convert_to('{later}', 'UTF8') in body) > 0";
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);

        await Redeliver();
        Assert.Single(await RemindersOf(soon, ReminderKind.EquipmentExpiring), i => i.UserId == me);
        Assert.Single(await RemindersOf(certificate, ReminderKind.CertificateExpiring), i => i.UserId == me);
    }

    [Fact]
    public async Task an_emergency_plan_reminds_its_owner_of_the_review_and_a_revision_moves_the_reminder()
    {
        var plan = (await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { title = "危险化学品泄漏专项应急预案", kind = "Special", scope = "甲类仓库、储罐区", versionLabel = "V1", effectiveOn = Today.AddDays(-300),
                reviewDue = Today.AddDays(200), enterpriseId = app.Chemicals }).ToUrl("/api/emergency/plans");
            s.StatusCodeShouldBe(201);
        })).Json().GetProperty("id").GetGuid();
        await app.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        Assert.Empty(await RemindersOf(plan, ReminderKind.EmergencyPlanReviewDue));
        SubjectReminderDue first;
        await using (var session = app.Store.QuerySession())
            first = (await session.LoadAsync<ReminderSchedule>(ReminderSchedule.IdOf(ReminderKind.EmergencyPlanReviewDue, plan)))!.Message();

        // Revised with a review in ten days: the new date reminds now, the old date's message does nothing when it comes.
        await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { versionLabel = "V2", effectiveOn = Today, reviewDue = Today.AddDays(10), changes = "更新应急通讯录" })
                .ToUrl($"/api/emergency/plans/{plan}/versions");
            s.StatusCodeShouldBe(200);
        });
        var items = await AwaitReminders(plan, ReminderKind.EmergencyPlanReviewDue);
        var owner = await PersonId("ent.demo1");
        var town = await PersonId("town.nanxiang");
        Assert.Contains(items, i => i.UserId == owner);
        Assert.DoesNotContain(items, i => i.UserId == town);

        using (var scope = app.Host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(first with { DueAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        Assert.Equal(items.Count, (await RemindersOf(plan, ReminderKind.EmergencyPlanReviewDue)).Count);
        Assert.All(await RemindersOf(plan, ReminderKind.EmergencyPlanReviewDue), i => Assert.Contains("V2", i.Body));
    }
}
