using System.Text.Json;
using AnJiaXing.IntegrationTests.Hazards;
using AnJiaXing.IntegrationTests.Infrastructure;
using Marten;

namespace AnJiaXing.IntegrationTests.Notices;

public class when_sending_and_receiving_notices(HazardFixture app) : IClassFixture<HazardFixture>
{
    private async Task<Guid> SendToTownSupervisors(bool replyRequired = true)
    {
        var nanxiang = await app.OrganisationId("南翔镇");
        var anting = await app.OrganisationId("安亭镇");
        return await app.Send("district.admin", new
        {
            title = "关于开展冬季危化品安全专项检查的通知",
            body = "请各街镇于12月15日前完成辖区危化品企业全覆盖检查。",
            recipients = new { organisationIds = new[] { nanxiang, anting }, roles = new[] { "TownSupervisor" } },
            evidenceIds = Array.Empty<Guid>(),
            replyRequired,
            replyBy = replyRequired ? app.Clock.GetUtcNow().AddDays(10) : (DateTimeOffset?)null
        });
    }

    [Fact]
    public async Task a_notice_to_the_town_supervisors_of_two_towns_reaches_exactly_those_people_and_keeps_the_list()
    {
        var id = await SendToTownSupervisors();

        await using var session = app.Store.QuerySession();
        var nanxiang = await app.OrganisationId("南翔镇");
        var anting = await app.OrganisationId("安亭镇");
        var expected = (await session.Query<Person>()
                .Where(p => p.Enabled && p.Role == Role.TownSupervisor && (p.OrganisationId == nanxiang || p.OrganisationId == anting)).ToListAsync())
            .Select(p => p.Id).Order().ToList();
        Assert.Contains(await app.PersonId("town.nanxiang"), expected);
        Assert.Contains(await app.PersonId("town.anting"), expected);

        var sent = await session.Events.FetchStreamAsync(id);
        var recipients = Assert.IsType<NoticeSent>(Assert.Single(sent).Data).Recipients;
        Assert.Equal(expected, recipients.Select(r => r.UserId).Order());

        var receipts = await app.Call("district.admin", "GET", $"/api/notices/{id}/receipts");
        Assert.Equal(expected, receipts.GetProperty("receipts").EnumerateArray().Select(r => r.GetProperty("userId").GetGuid()).Order());
        Assert.Equal(expected.Count, receipts.GetProperty("recipients").GetInt32());

        Assert.Contains((await app.Inbox("town.nanxiang", "?kind=Notice")), i => i.GetProperty("noticeId").GetGuid() == id);
        Assert.Contains((await app.Inbox("town.anting", "?kind=Notice")), i => i.GetProperty("noticeId").GetGuid() == id);
        foreach (var outsider in new[] { "inspector.nanxiang", "dept.emergency", "ent.a1", "auditor" })
            Assert.DoesNotContain(await app.Inbox(outsider), i => i.TryGetProperty("noticeId", out var n) && n.ValueKind == JsonValueKind.String && n.GetGuid() == id);
    }

    [Fact]
    public async Task receipts_and_counts_follow_reads_and_replies()
    {
        var id = await SendToTownSupervisors();
        var unread = await app.Inbox("town.nanxiang", "?unread=true&kind=Notice");
        Assert.Contains(unread, i => i.GetProperty("noticeId").GetGuid() == id);

        var read = await app.Call("town.nanxiang", "POST", $"/api/notices/{id}/read");
        Assert.Equal(2, read.GetProperty("version").GetInt64());
        var again = await app.Call("town.nanxiang", "POST", $"/api/notices/{id}/read");
        Assert.Equal(2, again.GetProperty("version").GetInt64());
        Assert.DoesNotContain(await app.Inbox("town.nanxiang", "?unread=true&kind=Notice"), i => i.GetProperty("noticeId").GetGuid() == id);

        await app.Call("town.anting", "POST", $"/api/notices/{id}/replies", new { body = "已部署，本周内完成检查。", evidenceIds = Array.Empty<Guid>() });

        var receipts = await app.Call("district.admin", "GET", $"/api/notices/{id}/receipts");
        Assert.Equal(2, receipts.GetProperty("read").GetInt32());
        Assert.Equal(1, receipts.GetProperty("replied").GetInt32());
        var byUser = receipts.GetProperty("receipts").EnumerateArray().ToDictionary(r => r.GetProperty("userId").GetGuid());
        var nanxiang = byUser[await app.PersonId("town.nanxiang")];
        Assert.Equal(JsonValueKind.String, nanxiang.GetProperty("readAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, nanxiang.GetProperty("repliedAt").ValueKind);
        var anting = byUser[await app.PersonId("town.anting")];
        Assert.Equal(JsonValueKind.String, anting.GetProperty("repliedAt").ValueKind);
        Assert.Equal("南翔镇安监 张明", nanxiang.GetProperty("name").GetString());

        var log = (await app.Call("district.admin", "GET", "/api/notices/sent")).GetProperty("items").EnumerateArray()
            .Single(n => n.GetProperty("id").GetGuid() == id);
        Assert.Equal(2, log.GetProperty("read").GetInt32());
        Assert.Equal(1, log.GetProperty("replied").GetInt32());
        Assert.Equal(byUser.Count, log.GetProperty("recipients").GetInt32());
    }

    [Fact]
    public async Task nobody_reads_another_persons_inbox_or_acts_on_a_notice_not_sent_to_them()
    {
        var id = await SendToTownSupervisors();
        var inbox = await app.Inbox("town.nanxiang", "?kind=Notice");
        var item = inbox.First(i => i.GetProperty("noticeId").GetGuid() == id);
        Assert.Equal(await app.PersonId("town.nanxiang"), item.GetProperty("userId").GetGuid());
        var town = await app.PersonId("town.nanxiang");
        Assert.All(inbox, i => Assert.Equal(town, i.GetProperty("userId").GetGuid()));
        // The inbox takes no user: a userId in the query changes nothing.
        Assert.DoesNotContain(await app.Inbox("district.admin", $"?userId={town}"), i => i.GetProperty("userId").GetGuid() == town);

        foreach (var outsider in new[] { "inspector.nanxiang", "dept.emergency", "auditor", "ent.a1" })
        {
            await app.Call(outsider, "GET", $"/api/notices/{id}", status: 404);
            await app.Call(outsider, "GET", $"/api/notices/{id}/receipts", status: 404);
            await app.Call(outsider, "POST", $"/api/notices/{id}/read", status: 404);
            await app.Call(outsider, "POST", $"/api/notices/{id}/replies", new { body = "冒名回复" }, status: 404);
        }
        // A recipient sees the notice but neither the receipts nor the others' replies; the sender cannot mark it read.
        await app.Call("town.nanxiang", "GET", $"/api/notices/{id}/receipts", status: 404);
        var seen = await app.Call("town.nanxiang", "GET", $"/api/notices/{id}");
        Assert.All(seen.GetProperty("receipts").EnumerateArray(), r => Assert.Equal(town, r.GetProperty("userId").GetGuid()));
        await app.Call("district.admin", "POST", $"/api/notices/{id}/read", status: 403);
    }

    [Fact]
    public async Task a_town_forwards_a_district_notice_to_its_enterprises_keeping_the_chain()
    {
        var id = await SendToTownSupervisors();
        var forwarded = (await app.Call("town.nanxiang", "POST", $"/api/notices/{id}/forward",
            new { recipients = new { roles = new[] { "EnterpriseUser" } }, note = "请辖区企业认真落实。" }, status: 201)).GetProperty("id").GetGuid();

        var notice = await app.Call("town.nanxiang", "GET", $"/api/notices/{forwarded}");
        Assert.Equal(id, notice.GetProperty("forwardedFromId").GetGuid());
        Assert.Equal([id], notice.GetProperty("chain").EnumerateArray().Select(c => c.GetGuid()));
        Assert.Equal("关于开展冬季危化品安全专项检查的通知", notice.GetProperty("title").GetString());

        // Only the town's enterprises: ent.a1 (南翔) receives it, ent.b1 (安亭) does not.
        Assert.Contains(await app.Inbox("ent.a1"), i => i.GetProperty("noticeId").GetGuid() == forwarded);
        Assert.DoesNotContain(await app.Inbox("ent.b1"), i => i.GetProperty("noticeId").GetGuid() == forwarded);
        var receipts = (await app.Call("town.nanxiang", "GET", $"/api/notices/{forwarded}/receipts")).GetProperty("receipts").EnumerateArray().ToList();
        await using var session = app.Store.QuerySession();
        var nanxiang = await app.OrganisationId("南翔镇");
        var people = (await session.Query<Person>().ToListAsync()).ToDictionary(p => p.Id);
        Assert.All(receipts, r => Assert.Equal(nanxiang, people[r.GetProperty("userId").GetGuid()].TownId));
        Assert.All(receipts, r => Assert.Equal(Role.EnterpriseUser, people[r.GetProperty("userId").GetGuid()].Role));

        // An enterprise forwards it further down? It may not send; nor may someone forward what they did not receive.
        await app.Call("ent.a1", "POST", $"/api/notices/{forwarded}/forward", new { recipients = new { roles = new[] { "EnterpriseUser" } } }, status: 403);
        await app.Call("town.anting", "POST", $"/api/notices/{forwarded}/forward", new { recipients = new { roles = new[] { "EnterpriseUser" } } }, status: 404);

        // A second hop keeps the whole chain: district → town → (a town supervisor forwards again to its own staff).
        var second = (await app.Call("town.nanxiang", "POST", $"/api/notices/{id}/forward",
            new { recipients = new { userIds = new[] { await app.PersonId("inspector.nanxiang") } } }, status: 201)).GetProperty("id").GetGuid();
        var inspectorItem = (await app.Inbox("inspector.nanxiang", "?kind=Notice")).Single(i => i.GetProperty("noticeId").GetGuid() == second);
        Assert.Equal("Notice", inspectorItem.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task senders_are_the_supervising_roles_and_address_only_people_within_their_reach()
    {
        var body = new { title = "通知", body = "正文", recipients = new { roles = new[] { "TownSupervisor" } } };
        await app.Call("ent.a1", "POST", "/api/notices", body, status: 403);
        await app.Call("inspector.nanxiang", "POST", "/api/notices", body, status: 403);
        await app.Call("town.nanxiang", "POST", "/api/notices",
            new { title = "通知", body = "正文", recipients = new { userIds = new[] { await app.PersonId("ent.b1") } } }, status: 400);
        await app.Call("district.admin", "POST", "/api/notices", new { title = "通知", body = "正文", recipients = new { } }, status: 400);
        await app.Call("district.admin", "POST", "/api/notices", new { title = "", body = "正文", recipients = new { roles = new[] { "TownSupervisor" } } }, status: 400);
    }
}
