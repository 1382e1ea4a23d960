using Marten;

namespace AnJiaXing.Notices.Demo;

/// <summary>
/// A district notice to the supervisors of 南翔镇 and 安亭镇, which both towns read and forward to their enterprises; the
/// enterprises read, some reply, one town replies to the district. Written through the notices' own resolution and
/// delivery (recipients resolved as when sent), backdated by days, so the sent log, receipts, inboxes and my work show
/// something real.
/// </summary>
public sealed class NoticeDemoSeed(TimeProvider clock) : IDemoSeed
{
    public int Order => 70;

    public const string Title = "关于开展岁末年初安全生产大检查的通知";

    public async Task SeedAsync(IDocumentSession session, DemoContext context, CancellationToken ct)
    {
        var people = (await session.Query<Person>().ToListAsync(ct)).ToDictionary(p => p.Username);
        var organisations = (await session.Query<Organisation>().ToListAsync(ct)).ToDictionary(o => o.Id);
        if (!people.TryGetValue("district.admin", out var admin) || !people.TryGetValue("town.nanxiang", out var nanxiang)
            || !people.TryGetValue("town.anting", out var anting)) return;
        Caller CallerOf(Person p)
        {
            var org = organisations[p.OrganisationId];
            return new Caller(p.Id, p.Username, p.DisplayName, p.Role, org.Id, org.Name, org.Kind, p.TownId,
                org.Kind == OrganisationKind.Enterprise ? org.Id : null, org.Domains);
        }

        var now = clock.GetUtcNow();
        var sentAt = now.AddDays(-5);
        var district = await SendAsync(session, CallerOf(admin), Title,
            "各街镇：为防范遏制岁末年初各类生产安全事故，请于本月底前组织辖区企业完成一次全面自查，并报送检查情况。",
            new NoticeRecipients([nanxiang.OrganisationId, anting.OrganisationId], [Role.TownSupervisor], null), null, true, now.AddDays(10), sentAt, ct);

        var deliveries = new List<(NoticeSent Notice, Person Reader, DateTimeOffset ReadAt, string? Reply)>
        {
            (district, nanxiang, sentAt.AddHours(2), "南翔镇已部署辖区企业自查，月底前报送汇总情况。"),
            (district, anting, sentAt.AddHours(5), null)
        };
        foreach (var (town, at) in new[] { (nanxiang, sentAt.AddDays(1)), (anting, sentAt.AddDays(1).AddHours(3)) })
        {
            var enterprises = organisations.Values.Where(o => o.Kind == OrganisationKind.Enterprise && o.TownId == town.OrganisationId && o.Enabled)
                .Select(o => o.Id).ToList();
            if (enterprises.Count == 0) continue;
            var forwarded = await SendAsync(session, CallerOf(town), district.Title, $"请各企业认真落实，按期回复。\n\n{district.Body}",
                new NoticeRecipients(enterprises, [Role.EnterpriseUser], null), district, district.ReplyRequired, district.ReplyBy, at, ct);
            var first = true;
            foreach (var r in forwarded.Recipients.Where(r => r.Name.Length > 0).Take(3))
            {
                deliveries.Add((forwarded, people.Values.First(p => p.Id == r.UserId), at.AddHours(4),
                    first ? "我公司已完成自查，发现一般隐患2项，已整改完毕。" : null));
                first = false;
            }
        }

        foreach (var (notice, reader, readAt, reply) in deliveries)
        {
            var aggregate = Notice.Create(notice);
            var actor = CallerOf(reader).Actor;
            var events = new List<object>(aggregate.MarkRead(actor, readAt));
            if (reply is not null) events.AddRange(aggregate.Reply(actor, reply, [], readAt.AddHours(1)));
            session.Events.Append(notice.NoticeId, events.ToArray());
            var item = NoticeDelivery.ItemFor(notice, reader.Id);
            item.ReadAt = readAt;
            if (reply is not null) item.RepliedAt = readAt.AddHours(1);
            session.Store(item);
        }
    }

    private static async Task<NoticeSent> SendAsync(IDocumentSession session, Caller sender, string title, string body, NoticeRecipients addressed,
        NoticeSent? forwarding, bool replyRequired, DateTimeOffset? replyBy, DateTimeOffset at, CancellationToken ct)
    {
        var recipients = await NoticeRecipientResolver.ResolveAsync(session, sender, addressed, ct);
        var sent = new NoticeSent(Guid.CreateVersion7(), title, body, addressed, recipients, [], replyRequired, replyBy, forwarding?.NoticeId,
            forwarding is null ? [] : [.. forwarding.Chain, forwarding.NoticeId], at, sender.Actor);
        NoticeDelivery.Send(session, sent);
        return sent;
    }
}
