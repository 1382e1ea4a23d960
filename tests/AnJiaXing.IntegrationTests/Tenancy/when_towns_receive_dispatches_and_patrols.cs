using System.Text;
using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Infrastructure;
using AnJiaXing.Platform.Demo;
using AnJiaXing.Platform.Tenancy;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static AnJiaXing.IntegrationTests.RiskControl.RiskControlFixture;

namespace AnJiaXing.IntegrationTests.Tenancy;

/// <summary>
/// Work that starts in the district but belongs to a town (ADR 0030): the city platform's dispatches, whose hazards live
/// in the enterprise's town, and the patrol schedulers, which run where their tasks live.
/// </summary>
[Collection(TownDatabasesCollection.Name)]
public class when_towns_receive_dispatches_and_patrols(TownDatabasesFixture app)
{
    private const string S = "anjiaxing";
    private static readonly Guid Malu = DemoDistrict.OrganisationId("马陆镇");

    private static string EventsOf(Guid stream) => $"select count(*) from {S}.mt_events where stream_id = '{stream}'";

    private static string CopiesOf(Guid stream) =>
        $"select count(*) from {S}.mt_events where stream_id = '{stream}' and headers ->> '{TownReplication.OriginHeader}' is not null";

    private static string CursorOf(Guid task) => $"select count(*) from {S}.mt_doc_patrolwindowcursor where id = '{task}'";

    private async Task<Guid> EnterpriseOf(string username) =>
        (await (await app.As(username, s => s.Get.Url("/api/me"))).ReadAsJsonAsync<JsonElement>()).GetProperty("organisationId").GetGuid();

    private async Task<JsonElement> Dispatch(object body)
    {
        var json = JsonSerializer.Serialize(body);
        var answer = await app.Host.Scenario(s =>
        {
            s.Post.Text(json).ToUrl("/api/integration/city/dispatches");
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithRequestHeader(Signature.Header, Signature.Of(Encoding.UTF8.GetBytes(json), TownDatabasesFixture.CitySecret));
            s.StatusCodeShouldBe(202);
        });
        return await answer.ReadAsJsonAsync<JsonElement>();
    }

    /// <summary>
    /// Wolverine's messages of a type in a database's inbox with <paramref name="status"/> whose envelope (headers, the
    /// tenant's among them, and message) names each of <paramref name="naming"/>.
    /// </summary>
    private static async Task<long> InboxAsync(string database, string messageType, string status, params string[] naming)
    {
        var schema = await TownDatabasesFixture.ScalarAsync(database,
            "select table_schema from information_schema.tables where table_name = 'wolverine_incoming_envelopes'");
        var names = string.Concat(naming.Select(n => $" and position(convert_to('{n}', 'UTF8') in body) > 0"));
        return long.Parse((await TownDatabasesFixture.ScalarAsync(database,
            $"select count(*) from {schema}.wolverine_incoming_envelopes where message_type = '{messageType}' and status = '{status}'{names}"))!);
    }

    /// <summary>Waits (at most 20 s) until the inbox holds <paramref name="expected"/> such messages.</summary>
    private static async Task<long> InboxEventuallyAsync(string database, string messageType, string status, string naming, long expected)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        long count;
        while ((count = await InboxAsync(database, messageType, status, naming)) != expected && DateTime.UtcNow < until) await Task.Delay(200);
        return count;
    }

    private const string RaiseHazard = "AnJiaXing.Hazards.RaiseHazardFromDispatch";
    private const string RaiseInTown = "AnJiaXing.CityPlatform.RaiseHazardInTown";
    private const string WindowCloses = "AnJiaXing.RiskControl.PatrolWindowCloses";

    [Fact]
    public async Task a_dispatch_for_an_enterprise_of_a_town_with_its_own_database_raises_the_hazard_in_that_towns_database()
    {
        var enterprise = await EnterpriseOf("ent.demo1");
        var answer = await Dispatch(new
        {
            dispatchId = "JD-TOWN-N1", enterpriseId = enterprise, description = "市民热线：仓库门口堆放易燃包装物", level = "General", category = "Fire", location = "北门"
        });
        Assert.Equal("Accepted", answer.GetProperty("status").GetString());
        var hazard = ReceiveDispatchEndpoint.HazardIdOf("JD-TOWN-N1");

        // The original is 南翔镇's; the district holds its copy, and 安亭镇 never sees it.
        Assert.Equal("1", await TownDatabasesFixture.EventuallyAsync(app.NanxiangDatabase, EventsOf(hazard), "1"));
        Assert.Equal("0", await TownDatabasesFixture.ScalarAsync(app.NanxiangDatabase, CopiesOf(hazard)));
        Assert.Equal("1", await TownDatabasesFixture.EventuallyAsync(app.ConnectionString, EventsOf(hazard), "1"));
        Assert.Equal("1", await app.ScalarAsync(CopiesOf(hazard)));
        Assert.Equal("0", await TownDatabasesFixture.ScalarAsync(app.AntingDatabase, EventsOf(hazard)));
        var view = (await app.As("town.nanxiang", s => s.Get.Url($"/api/hazards/{hazard}"))).Json();
        Assert.Equal("CityOpsDispatch", view.GetProperty("source").GetString());

        // The command waited in the town's inbox and is marked handled there; the district's relay of it is marked
        // handled in the district's: nothing is left to run again when an inbox is recovered after a restart.
        Assert.Equal(1, await InboxEventuallyAsync(app.NanxiangDatabase, RaiseHazard, "Handled", hazard.ToString(), 1));
        Assert.Equal(0, await InboxAsync(app.NanxiangDatabase, RaiseHazard, "Incoming", hazard.ToString()));
        Assert.Equal(0, await InboxAsync(app.ConnectionString, RaiseHazard, "Incoming", hazard.ToString()));
        Assert.Equal(1, await InboxEventuallyAsync(app.ConnectionString, RaiseInTown, "Handled", hazard.ToString(), 1));
        Assert.Equal(0, await InboxAsync(app.ConnectionString, RaiseInTown, "Incoming", hazard.ToString()));

        // The city hears of it from the district, which names the dispatch: the feed is the district's, over the copy.
        var feed = $"select count(*) from {S}.mt_doc_citydelivery where data ->> 'hazardId' = '{hazard}' and data ->> 'body' like '%JD-TOWN-N1%'";
        Assert.Equal("1", await TownDatabasesFixture.EventuallyAsync(app.ConnectionString, feed, "1"));
        Assert.Equal("0", await TownDatabasesFixture.ScalarAsync(app.NanxiangDatabase, feed));

        // The dispatch itself is the district's record.
        await using var district = app.Store.QuerySession();
        Assert.Equal(TownDatabasesFixture.Nanxiang, (await district.LoadAsync<CityDispatch>("JD-TOWN-N1"))!.TownId);
    }

    [Fact]
    public async Task a_dispatch_resolved_in_triage_raises_the_hazard_in_the_enterprises_town_and_a_town_without_a_database_keeps_it_in_the_district()
    {
        Assert.Equal("Triage", (await Dispatch(new
        {
            dispatchId = "JD-TOWN-T1", address = "嘉定区无名路 101 号", townId = TownDatabasesFixture.Nanxiang, description = "群众举报：厂房内违规住人", category = "Fire", level = "General"
        })).GetProperty("status").GetString());
        var enterprise = await EnterpriseOf("ent.demo2");
        await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new { enterpriseId = enterprise }).ToUrl("/api/integration/city/triage/JD-TOWN-T1/resolve");
            s.StatusCodeShouldBe(200);
        });
        var resolved = ReceiveDispatchEndpoint.HazardIdOf("JD-TOWN-T1");
        Assert.Equal("1", await TownDatabasesFixture.EventuallyAsync(app.NanxiangDatabase, EventsOf(resolved), "1"));
        Assert.Equal("0", await TownDatabasesFixture.ScalarAsync(app.NanxiangDatabase, CopiesOf(resolved)));

        // 马陆镇 has no database of its own: its enterprise's hazard is an original of the district's, as with one database.
        Guid malu;
        await using (var district = app.Store.QuerySession())
            malu = (await district.Query<Organisation>().Where(o => o.Kind == OrganisationKind.Enterprise && o.TownId == Malu && o.Enabled)
                .OrderBy(o => o.Name).FirstAsync()).Id;
        await Dispatch(new { dispatchId = "JD-TOWN-M1", enterpriseId = malu, description = "市民热线：涂料桶露天存放", level = "General", category = "Fire" });
        var maluHazard = ReceiveDispatchEndpoint.HazardIdOf("JD-TOWN-M1");
        Assert.Equal("1", await TownDatabasesFixture.EventuallyAsync(app.ConnectionString, EventsOf(maluHazard), "1"));
        Assert.Equal("0", await app.ScalarAsync(CopiesOf(maluHazard)));
        Assert.Equal("0", await TownDatabasesFixture.ScalarAsync(app.NanxiangDatabase, EventsOf(maluHazard)));
        Assert.Equal("0", await TownDatabasesFixture.ScalarAsync(app.AntingDatabase, EventsOf(maluHazard)));
    }

    [Fact]
    public async Task a_patrol_task_configured_in_a_town_is_scheduled_there_and_its_checks_open_the_towns_database()
    {
        var enterprise = await EnterpriseOf("ent.demo1");
        var point = (await app.As("ent.demo1", s =>
        {
            s.Post.Json(EnterprisePoint(enterprise, Lec(3, 6, 15), "镇库 甲类仓库")).ToUrl("/api/risk-points");
            s.StatusCodeShouldBe(201);
        })).Json().GetProperty("id").GetGuid();
        var assignee = (await (await app.As("ent.demo1", s => s.Get.Url("/api/me"))).ReadAsJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // Started two days ago: the first check is due at once and finds closed windows without their patrols.
        var task = (await app.As("ent.demo1", s =>
        {
            s.Post.Json(new
            {
                name = "镇库 日巡", riskPointIds = new[] { point }, assigneeUserIds = new[] { assignee },
                schedule = new { every = "Day", times = 1 }, checkItems = new[] { "消防通道" }, startsAt = DateTimeOffset.UtcNow.AddDays(-2)
            }).ToUrl("/api/patrol-tasks");
            s.StatusCodeShouldBe(201);
        })).Json().GetProperty("id").GetGuid();

        Assert.Equal("1", await TownDatabasesFixture.ScalarAsync(app.NanxiangDatabase, CursorOf(task)));
        // The check ran in 南翔镇's database (in the district's it would find no cursor and do nothing): the missed
        // windows are 南翔镇's originals, copied to the district.
        const string missed = "type = 'patrol_missed'";
        Assert.Equal("True", await TownDatabasesFixture.EventuallyAsync(app.NanxiangDatabase,
            $"select count(*) >= 2 from {S}.mt_events where stream_id = '{task}' and {missed} and headers ->> '{TownReplication.OriginHeader}' is null", "True"));
        Assert.Equal("True", await TownDatabasesFixture.EventuallyAsync(app.ConnectionString,
            $"select count(*) >= 2 from {S}.mt_events where stream_id = '{task}' and {missed} and headers ->> '{TownReplication.OriginHeader}' is not null", "True"));
        // The next window's check waits in the town's inbox with the town's tenant; the district has no scheduler of the task.
        Assert.Equal(1, await InboxEventuallyAsync(app.NanxiangDatabase, WindowCloses, "Scheduled", task.ToString(), 1));
        Assert.Equal(1, await InboxAsync(app.NanxiangDatabase, WindowCloses, "Scheduled", task.ToString(), TownDatabasesFixture.Nanxiang.ToString()));
        Assert.Equal(0, await InboxAsync(app.ConnectionString, WindowCloses, "Scheduled", task.ToString()));
        Assert.Equal("1", await TownDatabasesFixture.EventuallyAsync(app.ConnectionString, $"select count(*) from {S}.mt_doc_patroltaskview where id = '{task}'", "1"));
        Assert.Equal("0", await app.ScalarAsync(CursorOf(task)));
    }

    [Fact]
    public async Task the_districts_writes_naming_a_town_or_a_towns_risk_points_go_to_that_towns_database()
    {
        // A public risk point the district registers for 南翔镇 (the body names the town).
        var point = (await app.As("district.admin", s =>
        {
            s.Post.Json(PublicPoint(TownDatabasesFixture.Nanxiang, Lec(3, 6, 7), name: "南翔古猗园游客集散区")).ToUrl("/api/risk-points");
            s.StatusCodeShouldBe(201);
        })).Json().GetProperty("id").GetGuid();
        Assert.Equal("1", await TownDatabasesFixture.ScalarAsync(app.NanxiangDatabase, $"select count(*) from {S}.mt_events where stream_id = '{point}'"));
        Assert.Equal("0", await app.ScalarAsync($"select count(*) from {S}.mt_events where stream_id = '{point}' and headers ->> '{TownReplication.OriginHeader}' is null"));

        // A patrol task over it, configured by the district once the copy has reached it: the body names only the risk
        // point, whose copy says its town.
        await TownDatabasesFixture.EventuallyAsync(app.ConnectionString, $"select count(*) from {S}.mt_doc_streamhome where id = '{point}'", "1");
        var supervisor = (await (await app.As("town.nanxiang", s => s.Get.Url("/api/me"))).ReadAsJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var task = (await app.As("district.admin", s =>
        {
            s.Post.Json(new
            {
                name = "古猗园 周巡", riskPointIds = new[] { point }, assigneeUserIds = new[] { supervisor },
                schedule = new { every = "Week", times = 1 }, checkItems = new[] { "疏散通道" }
            }).ToUrl("/api/patrol-tasks");
            s.StatusCodeShouldBe(201);
        })).Json().GetProperty("id").GetGuid();
        Assert.Equal("1", await TownDatabasesFixture.ScalarAsync(app.NanxiangDatabase, $"select count(*) from {S}.mt_events where stream_id = '{task}'"));
        Assert.Equal("1", await TownDatabasesFixture.ScalarAsync(app.NanxiangDatabase, CursorOf(task)));
        Assert.Equal("0", await app.ScalarAsync(CursorOf(task)));
    }

    [Fact]
    public async Task the_bootstrap_starts_each_task_where_it_lives_once_and_never_a_towns_copy_in_the_district()
    {
        // Starting tomorrow, so the first check waits while the bootstrap runs (a window closing meanwhile would move it on).
        var tomorrow = DateTimeOffset.UtcNow.AddDays(1);
        tomorrow = tomorrow.AddTicks(-(tomorrow.Ticks % TimeSpan.TicksPerSecond));
        // Written as a demo seed writes them, without the outbox: no cursor, no scheduled check.
        PatrolTaskConfigured Configured(Guid town, string name) => new(Guid.CreateVersion7(), null, null, town, IndustryDomain.CrowdedPlaces, true, name,
            [Guid.NewGuid()], [new RiskResponsible(Guid.NewGuid(), "巡查员")], new PatrolSchedule(PatrolFrequency.Day), ["疏散通道"], tomorrow, Actor.System);
        var inTown = Configured(TownDatabasesFixture.Nanxiang, "南翔老街 日巡");
        var inDistrict = Configured(Malu, "马陆葡萄园 日巡");
        await using (var town = app.Store.LightweightSession(TownDatabases.TenantId(TownDatabasesFixture.Nanxiang)))
        {
            town.Events.StartStream<PatrolTaskView>(inTown.TaskId, inTown);
            await town.SaveChangesAsync();
        }
        await using (var district = app.Store.LightweightSession())
        {
            district.Events.StartStream<PatrolTaskView>(inDistrict.TaskId, inDistrict);
            await district.SaveChangesAsync();
        }
        // The town's task has reached the district as a copy before the bootstrap looks there.
        Assert.Equal("1", await TownDatabasesFixture.EventuallyAsync(app.ConnectionString,
            $"select count(*) from {S}.mt_doc_patroltaskview where id = '{inTown.TaskId}'", "1"));
        Assert.Equal("1", await app.ScalarAsync($"select count(*) from {S}.mt_doc_streamhome where id = '{inTown.TaskId}'"));

        var bootstrap = app.Host.Services.GetServices<IHostedService>().OfType<PatrolSchedulerBootstrap>().Single();
        for (var run = 0; run < 2; run++)
        {
            await bootstrap.StartAsync(CancellationToken.None);

            Assert.Equal("1", await TownDatabasesFixture.ScalarAsync(app.NanxiangDatabase, CursorOf(inTown.TaskId)));
            Assert.Equal(1, await InboxAsync(app.NanxiangDatabase, WindowCloses, "Scheduled", inTown.TaskId.ToString()));
            Assert.Equal("0", await app.ScalarAsync(CursorOf(inTown.TaskId)));
            Assert.Equal(0, await InboxAsync(app.ConnectionString, WindowCloses, "Scheduled", inTown.TaskId.ToString()));

            Assert.Equal("1", await app.ScalarAsync(CursorOf(inDistrict.TaskId)));
            Assert.Equal(1, await InboxAsync(app.ConnectionString, WindowCloses, "Scheduled", inDistrict.TaskId.ToString()));
            Assert.Equal("0", await TownDatabasesFixture.ScalarAsync(app.NanxiangDatabase, CursorOf(inDistrict.TaskId)));
        }
        // The town's check carries the town's tenant, so its handler opens the town's database.
        Assert.Equal(1, await InboxAsync(app.NanxiangDatabase, WindowCloses, "Scheduled", inTown.TaskId.ToString(), TownDatabasesFixture.Nanxiang.ToString()));
    }
}
