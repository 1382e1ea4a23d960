using Marten;

namespace AnJiaXing.WorkLedger;

/// <summary>A month of the district's and 南翔镇's work ledger: a meeting, a special action, two supervision updates.</summary>
public sealed class WorkLedgerDemoSeed(TimeProvider clock) : IDemoSeed
{
    public int Order => 60;

    public async Task SeedAsync(IDocumentSession session, DemoContext context, CancellationToken ct)
    {
        var nanxiang = await session.Query<Organisation>().SingleAsync(o => o.Kind == OrganisationKind.Town && o.Name == "南翔镇", ct);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        WorkLedgerContent Content(string title, DateTimeOffset at, string text) =>
            new(title, at, text, null, [], null, null, null, [], [], [], [], []);

        var entries = new (WorkLedgerKind Kind, Organisation? Town, WorkLedgerContent Content)[]
        {
            (WorkLedgerKind.Meeting, null, Content("区安委会冬季安全生产工作会议", now.AddDays(-20), "通报11月隐患排查情况，部署冬季安全生产工作。") with
                { Place = "区政府第一会议室", Attendees = ["区安委办", "应急局", "建管委", "各街镇分管领导"], Decisions = "各街镇于月底前完成危化企业全覆盖检查。" }),
            (WorkLedgerKind.SpecialAction, null, Content("冬季危化品安全专项行动", now.AddDays(-18), "聚焦危化品储存、动火作业和有限空间作业。") with
                { From = today.AddDays(-18), To = today.AddDays(40), Domains = [IndustryDomain.HazardousChemicals] }),
            (WorkLedgerKind.SupervisionUpdate, nanxiang, Content("南翔镇开展消防安全夜查", now.AddDays(-7), "夜查企业12家，发现隐患9处，已全部交办整改。")),
            (WorkLedgerKind.SupervisionUpdate, null, Content("区应急局通报重大隐患挂牌督办情况", now.AddDays(-3), "本月挂牌督办重大隐患2处，已整改销号1处。")),
        };
        foreach (var (kind, town, content) in entries)
        {
            var id = Guid.CreateVersion7();
            session.Events.StartStream<WorkLedgerEntry>(id, new WorkLedgerEntryRecorded(id, kind, town?.Id, town?.Name, content, Actor.System));
        }
    }
}
