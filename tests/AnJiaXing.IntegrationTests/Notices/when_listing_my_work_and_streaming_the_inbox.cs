using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Alba;
using AnJiaXing.IntegrationTests.Hazards;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;

namespace AnJiaXing.IntegrationTests.Notices;

public class when_listing_my_work_and_streaming_the_inbox(HazardFixture app) : IClassFixture<HazardFixture>
{
    private async Task<JsonElement> Work(string username) => await app.Call(username, "GET", "/api/my/work");

    private static List<(Guid Id, string Step)> Hazards(JsonElement work) =>
        [.. work.GetProperty("hazards").EnumerateArray().Select(h => (h.GetProperty("hazardId").GetGuid(), h.GetProperty("step").GetString()!))];

    [Fact]
    public async Task hazards_wait_for_the_step_of_whoever_takes_it_and_for_nobody_outside_their_scope()
    {
        var general = await app.Report("ent.a1", HazardSteps.GeneralReport(app.NanxiangChemicals, description: "配电室挡鼠板缺失"));
        Assert.Contains((general, "Assign"), Hazards(await Work("ent.a1")));
        Assert.Contains((general, "Assign"), Hazards(await Work("ent.a2")));
        foreach (var other in new[] { "ent.b1", "town.nanxiang", "town.anting", "dept.emergency", "district.admin", "auditor" })
            Assert.DoesNotContain(Hazards(await Work(other)), h => h.Id == general);

        await app.Act("town.nanxiang", general, "assign", app.Assignment("ent.a2"));
        Assert.Contains((general, "SubmitRectification"), Hazards(await Work("ent.a2")));
        Assert.DoesNotContain(Hazards(await Work("town.nanxiang")), h => h.Id == general);

        await app.Act("ent.a2", general, "rectification", new { description = "已安装挡鼠板", evidenceIds = Array.Empty<Guid>() });
        Assert.Contains((general, "Recheck"), Hazards(await Work("town.nanxiang")));
        Assert.Contains((general, "Recheck"), Hazards(await Work("inspector.nanxiang")));
        foreach (var other in new[] { "ent.a1", "ent.a2", "town.anting", "dept.emergency" })
            Assert.DoesNotContain(Hazards(await Work(other)), h => h.Id == general);

        var major = await app.Report("inspector.nanxiang", HazardSteps.MajorReport(app.NanxiangChemicals));
        Assert.Contains((major, "Confirm"), Hazards(await Work("dept.emergency")));
        Assert.Contains((major, "Confirm"), Hazards(await Work("district.admin")));
        foreach (var other in new[] { "dept.construction", "town.nanxiang", "ent.a1", "auditor" })
            Assert.DoesNotContain(Hazards(await Work(other)), h => h.Id == major);
        var work = await Work("dept.emergency");
        Assert.True(work.GetProperty("hazardTotal").GetInt32() >= 1);
    }

    [Fact]
    public async Task planned_inspections_patrols_due_and_notices_awaiting_a_reply_are_the_assignees_own()
    {
        Guid checklist;
        await using (var session = app.Store.QuerySession())
            checklist = (await session.Query<Checklist>().Where(c => c.Domain == IndustryDomain.HazardousChemicals && !c.Retired).FirstAsync()).Id;
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var plan = (await app.As("town.nanxiang", s =>
        {
            s.Post.Json(new
            {
                name = "南翔镇 危化品企业冬季检查", type = "SpecialAction", periodStart = today, periodEnd = today.AddDays(30), checklistId = checklist,
                enterpriseIds = new[] { app.NanxiangChemicals }, inspectorIds = new[] { app.Users["inspector.nanxiang"] }
            }).ToUrl("/api/inspection-plans");
            s.StatusCodeShouldBe(201);
        })).Json().GetProperty("id").GetGuid();
        var inspections = (await Work("inspector.nanxiang")).GetProperty("inspections").EnumerateArray().ToList();
        Assert.Contains(inspections, i => i.GetProperty("planId").GetGuid() == plan && i.GetProperty("enterpriseId").GetGuid() == app.NanxiangChemicals);
        foreach (var other in new[] { "town.nanxiang", "town.anting", "ent.a1" })
            Assert.DoesNotContain((await Work(other)).GetProperty("inspections").EnumerateArray(), i => i.GetProperty("planId").GetGuid() == plan);

        var point = (await app.As("ent.a1", s =>
        {
            s.Post.Json(new
            {
                enterpriseId = app.NanxiangChemicals, name = "甲类仓库", location = "厂区东北角", category = "火灾、爆炸",
                controlMeasures = new[] { "严禁烟火" }, assessment = new { method = "LEC", l = 3, e = 6, c = 15 }
            }).ToUrl("/api/risk-points");
            s.StatusCodeShouldBe(201);
        })).Json().GetProperty("id").GetGuid();
        var task = (await app.As("ent.a1", s =>
        {
            s.Post.Json(new
            {
                riskPointIds = new[] { point }, assigneeUserIds = new[] { app.Users["ent.a2"] }, schedule = new { every = "Day", times = 1 },
                checkItems = new[] { "可燃气体报警器" }
            }).ToUrl("/api/patrol-tasks");
            s.StatusCodeShouldBe(201);
        })).Json().GetProperty("id").GetGuid();
        var due = Assert.Single((await Work("ent.a2")).GetProperty("patrols").EnumerateArray(), p => p.GetProperty("taskId").GetGuid() == task);
        Assert.Equal((1, 0), (due.GetProperty("required").GetInt32(), due.GetProperty("done").GetInt32()));
        Assert.DoesNotContain((await Work("ent.a1")).GetProperty("patrols").EnumerateArray(), p => p.GetProperty("taskId").GetGuid() == task);
        await app.As("ent.a2", s =>
        {
            s.Post.Json(new { taskId = task, riskPointId = point, results = new[] { new { item = "可燃气体报警器", ok = true, evidenceIds = Array.Empty<Guid>() } } })
                .ToUrl("/api/patrols");
            s.StatusCodeShouldBe(201);
        });
        Assert.DoesNotContain((await Work("ent.a2")).GetProperty("patrols").EnumerateArray(), p => p.GetProperty("taskId").GetGuid() == task);

        var notice = await app.Send("district.admin", new
        {
            title = "关于报送危化品企业检查情况的通知", body = "请于本周五前回复。", recipients = new { userIds = new[] { app.Users["town.nanxiang"] } },
            replyRequired = true, replyBy = app.Clock.GetUtcNow().AddDays(3)
        });
        Assert.Contains((await Work("town.nanxiang")).GetProperty("notices").EnumerateArray(), n => n.GetProperty("noticeId").GetGuid() == notice);
        Assert.DoesNotContain((await Work("town.anting")).GetProperty("notices").EnumerateArray(), n => n.GetProperty("noticeId").GetGuid() == notice);
        await app.Call("town.nanxiang", "POST", $"/api/notices/{notice}/replies", new { body = "已完成检查，情况正常。" });
        Assert.DoesNotContain((await Work("town.nanxiang")).GetProperty("notices").EnumerateArray(), n => n.GetProperty("noticeId").GetGuid() == notice);
    }

    /// <summary>Reads an SSE response line by line until an inbox event whose data contains <paramref name="needle"/>, or the time is up.</summary>
    private static async Task<string?> ReadEventContaining(StreamReader reader, string needle, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            string? type = null;
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && type == "inbox" && line.Contains(needle, StringComparison.Ordinal)) return line[6..];
            }
        }
        catch (OperationCanceledException) { }
        return null;
    }

    private async Task<(HttpResponseMessage Response, StreamReader Reader)> OpenStream(HttpClient client, string username)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/inbox/stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenFor(username));
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return (response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    [Fact]
    public async Task the_inbox_stream_pushes_a_new_item_to_its_owner_only()
    {
        var client = app.Host.Server.CreateClient();
        var (mine, myReader) = await OpenStream(client, "town.nanxiang");
        var (theirs, theirReader) = await OpenStream(client, "town.anting");
        using (mine)
        using (theirs)
        {
            var notice = await app.Send("district.admin", new
            {
                title = "关于加强节前安全检查的通知", body = "请立即部署。", recipients = new { userIds = new[] { app.Users["town.nanxiang"] } }
            });
            var data = await ReadEventContaining(myReader, notice.ToString(), TimeSpan.FromSeconds(30));
            Assert.NotNull(data);
            var item = JsonDocument.Parse(data).RootElement;
            Assert.Equal(notice, item.GetProperty("noticeId").GetGuid());
            Assert.Equal(app.Users["town.nanxiang"], item.GetProperty("userId").GetGuid());
            Assert.Equal("Notice", item.GetProperty("kind").GetString());

            // Another person's stream never carries it.
            Assert.Null(await ReadEventContaining(theirReader, notice.ToString(), TimeSpan.FromSeconds(3)));
        }

        var anonymous = await client.GetAsync("/api/inbox/stream");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
