using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Wolverine;
using static AnJiaXing.IntegrationTests.RiskControl.RiskControlFixture;

namespace AnJiaXing.IntegrationTests.RiskControl;

/// <summary>The demo district with a clock the tests move (the service's <see cref="TimeProvider"/>).</summary>
public class PatrolClockFixture : RiskControlFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));

    /// <summary>A second node of the service on this class's database, with the same clock (no demo seeding: the data is there).</summary>
    public async Task<IAlbaHost> SecondNodeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        return await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("ConnectionStrings:AnJiaXing", ConnectionString);
            builder.UseSetting("AnJiaXing:DemoData", "false");
            builder.UseSetting("AnJiaXing:Auth:SigningKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            builder.UseSetting("AnJiaXing:DataFolder", Path.Combine(Path.GetTempPath(), "anjiaxing-test-data"));
            builder.UseSetting("AnJiaXing:Ledger:ExportFolder", ExportFolder);
            builder.UseSetting("AnJiaXing:RiskControl:DemoSeed", "false");
            builder.ConfigureServices(services =>
            {
                services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
                services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            });
        });
    }
}

public class when_patrol_windows_close(PatrolClockFixture app) : IClassFixture<PatrolClockFixture>
{
    private async Task<(Guid Point, Guid Task)> PointWithTask(string name, string every = "Day", DateTimeOffset? startsAt = null)
    {
        var enterprise = await app.OrganisationOf("ent.demo1");
        var point = await app.Register("ent.demo1", EnterprisePoint(enterprise, Lec(3, 6, 15), name));
        var assignee = await app.UserIdOf("ent.demo1");
        var task = await app.As("ent.demo1", s =>
        {
            s.Post.Json(new
            {
                name = name + " 巡查", riskPointIds = new[] { point }, assigneeUserIds = new[] { assignee },
                schedule = new { every, times = 1 }, checkItems = new[] { "消防通道" }, startsAt
            }).ToUrl("/api/patrol-tasks");
            s.StatusCodeShouldBe(201);
        });
        return (point, task.Json().GetProperty("id").GetGuid());
    }

    private async Task<List<PatrolMissed>> MissedOf(Guid task)
    {
        await using var session = app.Store.QuerySession();
        return [.. (await session.Events.FetchStreamAsync(task)).Select(e => e.Data).OfType<PatrolMissed>()];
    }

    private static async Task Fire(IAlbaHost host, PatrolWindowCloses message)
    {
        using var scope = host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(message);
    }

    private async Task<List<JsonElement>> Occurrences(Guid task, DateTimeOffset from, DateTimeOffset to) =>
        (await app.As("ent.demo1", s => s.Get.Url($"/api/patrol-tasks/{task}/occurrences?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}")))
        .Json().EnumerateArray().ToList();

    private async Task<long> ScheduledChecks()
    {
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "select table_schema from information_schema.tables where table_name = 'wolverine_incoming_envelopes'";
        var schema = (string)(await command.ExecuteScalarAsync())!;
        command.CommandText = $"select count(*) from {schema}.wolverine_incoming_envelopes where message_type = 'AnJiaXing.RiskControl.PatrolWindowCloses' and status = 'Scheduled'";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Moves every scheduled window check to now in PostgreSQL: as if the time had come while no node held it in memory.</summary>
    private async Task MakeScheduledChecksDueNow()
    {
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "select table_schema from information_schema.tables where table_name = 'wolverine_incoming_envelopes'";
        var schema = (string)(await command.ExecuteScalarAsync())!;
        command.CommandText = $"update {schema}.wolverine_incoming_envelopes set execution_time = now() - interval '1 second' where message_type = 'AnJiaXing.RiskControl.PatrolWindowCloses' and status = 'Scheduled'";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The task's missed-patrol reminders once they have arrived and settled.</summary>
    private async Task<List<InboxItem>> MissedRemindersOf(Guid task)
    {
        async Task<List<InboxItem>> Read()
        {
            await using var session = app.Store.QuerySession();
            return [.. await session.Query<InboxItem>().Where(i => i.SubjectId == task && i.Reminder == ReminderKind.PatrolMissed).ToListAsync()];
        }
        for (var i = 0; i < 300 && (await Read()).Count == 0; i++) await Task.Delay(100);
        await Task.Delay(1500);
        return await Read();
    }

    private async Task<List<PatrolMissed>> AwaitMissed(Guid task, int count)
    {
        for (var i = 0; i < 300; i++)
        {
            var missed = await MissedOf(task);
            if (missed.Count >= count) return missed;
            await Task.Delay(100);
        }
        return await MissedOf(task);
    }

    [Fact]
    public async Task a_window_closed_without_its_patrol_appends_patrol_missed_exactly_once_even_when_redelivered()
    {
        var (point, task) = await PointWithTask("漏检 日巡 甲类仓库");
        var window = PatrolCalendar.WindowStart(PatrolFrequency.Day, app.Clock.GetUtcNow());
        var end = window.AddDays(1);
        var check = new PatrolWindowCloses(task, window, end);
        Assert.True(await ScheduledChecks() >= 1, "the first window's check waits in PostgreSQL");

        // The read other modules use for reminders: the assignee's open window, not yet done.
        var assignee = await app.UserIdOf("ent.demo1");
        await using (var session = app.Store.QuerySession())
        {
            var due = Assert.Single(await PatrolOccurrences.DueAsync(session, ScopeConstraint.Everything, assignee, app.Clock.GetUtcNow(), CancellationToken.None),
                d => d.TaskId == task);
            Assert.Equal((window, end, 1, 0), (due.From, due.To, due.Required, due.Done));
            Assert.Equal([point], due.UnpatrolledRiskPointIds);
            Assert.DoesNotContain(await PatrolOccurrences.DueAsync(session, ScopeConstraint.Everything, await app.UserIdOf("ent.demo2"),
                app.Clock.GetUtcNow(), CancellationToken.None), d => d.TaskId == task);
        }

        // Early by the service's clock: nothing yet, the check waits again.
        await Fire(app.Host, check);
        Assert.Empty(await MissedOf(task));

        // The window closed: once, however often the check is delivered.
        app.Clock.SetUtcNow(end.AddMinutes(1));
        await Fire(app.Host, check);
        await Fire(app.Host, check);
        var missed = Assert.Single(await MissedOf(task));
        Assert.Equal(window, missed.From);
        Assert.Equal(end, missed.To);
        Assert.Equal((1, 0), (missed.Required, missed.Done));
        Assert.Equal([point], missed.UnpatrolledRiskPointIds);
        Assert.Equal([await app.UserIdOf("ent.demo1")], missed.Assignees.Select(a => a.UserId));

        // Notices makes the fact one 漏巡 reminder per person — the patroller (also an enterprise user) and the town's
        // supervisor — however often the check was delivered.
        var reminders = await MissedRemindersOf(task);
        Assert.Contains(reminders, r => r.UserId == assignee);
        Assert.Contains(reminders, r => r.UserId == app.UserIdOf("town.nanxiang").Result);
        Assert.Equal(reminders.Count, reminders.Select(r => r.UserId).Distinct().Count());
        Assert.All(reminders, r => Assert.Contains("应巡 1 次，实巡 0 次", r.Body));

        // An accountability investigation of the enterprise over those days lists the window (漏巡) with its patroller.
        var opened = await app.As("auditor", s =>
        {
            s.Post.Json(new { enterpriseId = missed.EnterpriseId, from = window.AddDays(-1), to = end.AddDays(1), subject = "漏巡调查" }).ToUrl("/api/investigations");
            s.StatusCodeShouldBe(201);
        });
        var report = (await app.As("auditor", s => s.Get.Url($"/api/investigations/{opened.Json().GetProperty("id").GetGuid()}"))).Json();
        var finding = Assert.Single(report.GetProperty("missedPatrols").EnumerateArray(), m => m.GetProperty("taskId").GetGuid() == task);
        Assert.Equal((1, 0, 1), (finding.GetProperty("required").GetInt32(), finding.GetProperty("done").GetInt32(), finding.GetProperty("unpatrolledPoints").GetInt32()));
        Assert.Equal(window, finding.GetProperty("from").GetDateTimeOffset());

        // The next window is patrolled: it closes done, and nothing more is appended.
        await app.As("ent.demo1", s =>
        {
            s.Post.Json(new { taskId = task, riskPointId = point, results = new[] { new { item = "消防通道", ok = true, notes = (string?)null, evidenceIds = Array.Empty<Guid>() } } })
                .ToUrl("/api/patrols");
            s.StatusCodeShouldBe(201);
        });
        await using (var session = app.Store.QuerySession())
            Assert.DoesNotContain(await PatrolOccurrences.DueAsync(session, ScopeConstraint.Everything, assignee, app.Clock.GetUtcNow(), CancellationToken.None),
                d => d.TaskId == task);
        app.Clock.SetUtcNow(end.AddDays(1).AddMinutes(1));
        var next = new PatrolWindowCloses(task, end, end.AddDays(1));
        await Fire(app.Host, next);
        await Fire(app.Host, next);
        await Fire(app.Host, check);
        Assert.Single(await MissedOf(task));

        var occurrences = await Occurrences(task, window, end.AddDays(1));
        Assert.Equal(["Missed", "Done"], occurrences.Select(o => o.GetProperty("status").GetString()));
        var view = (await app.As("ent.demo1", s => s.Get.Url($"/api/patrol-tasks/{task}"))).Json();
        Assert.Equal([window], view.GetProperty("missedWindows").EnumerateArray().Select(e => e.GetDateTimeOffset()));
    }

    [Fact]
    public async Task a_task_started_days_ago_catches_up_by_itself_through_the_scheduled_message()
    {
        var now = app.Clock.GetUtcNow();
        var (_, task) = await PointWithTask("漏检 补查 原料仓库", startsAt: now.AddDays(-3));

        // Nobody fires anything: Wolverine delivers the persisted check, which walks every closed window once.
        var missed = await AwaitMissed(task, 3);
        Assert.Equal(3, missed.Count);
        var today = PatrolCalendar.WindowStart(PatrolFrequency.Day, now);
        Assert.Equal([today.AddDays(-3), today.AddDays(-2), today.AddDays(-1)], missed.Select(m => m.From));
        await Task.Delay(1500);
        Assert.Equal(3, (await MissedOf(task)).Count);

        var occurrences = await Occurrences(task, today.AddDays(-3), today.AddDays(1));
        Assert.Equal(["Missed", "Missed", "Missed", "Due"], occurrences.Select(o => o.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task a_second_node_on_the_same_database_runs_the_persisted_check_and_the_window_is_missed_exactly_once()
    {
        var (_, task) = await PointWithTask("漏检 双节点 罐区");
        var window = PatrolCalendar.WindowStart(PatrolFrequency.Day, app.Clock.GetUtcNow());
        var check = new PatrolWindowCloses(task, window, window.AddDays(1));

        await using var second = await app.SecondNodeAsync();
        app.Clock.SetUtcNow(window.AddDays(1).AddMinutes(2));
        // The time comes while both nodes run: the persisted check is due for any node, and both are also handed a copy at once.
        await MakeScheduledChecksDueNow();
        await Task.WhenAll(Fire(second, check), Fire(app.Host, check), Fire(second, check));
        var missed = await AwaitMissed(task, 1);
        Assert.Single(missed);

        // The second node goes down mid-way; the first delivers again after the restart of its polling: still once.
        await second.StopAsync();
        await Fire(app.Host, check);
        await Task.Delay(2000);
        Assert.Single(await MissedOf(task));

        await using var session = app.Store.QuerySession();
        var cursor = await session.LoadAsync<PatrolWindowCursor>(task);
        Assert.Equal(window.AddDays(1), cursor!.NextWindow);
    }
}
