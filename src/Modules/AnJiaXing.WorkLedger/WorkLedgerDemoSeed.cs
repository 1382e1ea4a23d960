using Marten;

namespace AnJiaXing.WorkLedger;

/// <summary>
/// A month of the district's and 南翔镇's work ledger: two meetings, a special action linked to the demo inspection plans
/// and to hazardous-chemicals hazards (so its progress has figures), two supervision updates. Each body goes through
/// the same rules as a POST (<see cref="WorkLedgerKinds.Content"/>).
/// </summary>
public sealed class WorkLedgerDemoSeed(TimeProvider clock) : IDemoSeed
{
    public int Order => 60;

    public async Task SeedAsync(IDocumentSession session, DemoContext context, CancellationToken ct)
    {
        var nanxiang = await session.Query<Organisation>().SingleAsync(o => o.Kind == OrganisationKind.Town && o.Name == "南翔镇", ct);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        // The work ledger's own copies of the plans and hazards (SpecialActionLinksProjection), written as earlier seeds saved.
        var plans = await session.Query<LinkedPlan>().Select(p => p.Id).ToListAsync(ct);
        var hazards = await session.Query<LinkedHazard>().Where(h => h.Domain == IndustryDomain.HazardousChemicals && h.InspectionId == null)
            .OrderByDescending(h => h.FoundAt).Select(h => h.Id).Take(4).ToListAsync(ct);

        var entries = new (WorkLedgerKind Kind, Organisation? Town, WorkLedgerData Data)[]
        {
            (WorkLedgerKind.Meeting, null, new("区安委会冬季安全生产工作会议", now.AddDays(-20), "通报11月隐患排查情况，部署冬季安全生产工作。",
                Place: "区政府第一会议室", Attendees: ["区安委办", "应急局", "建管委", "各街镇分管领导"], Decisions: "各街镇于月底前完成危化企业全覆盖检查。")),
            (WorkLedgerKind.SpecialAction, null, new("冬季危化品安全专项行动", now.AddDays(-30), "聚焦危化品储存、动火作业和有限空间作业。",
                From: today.AddDays(-30), To: today.AddDays(40), Domains: [IndustryDomain.HazardousChemicals], PlanIds: [.. plans], HazardIds: [.. hazards])),
            (WorkLedgerKind.Meeting, nanxiang, new("南翔镇危化品专项行动推进会", now.AddDays(-10), "听取专项检查进展，梳理未整改隐患。",
                Place: "南翔镇政府三楼会议室", Attendees: ["镇安全办", "镇应急办", "各村居安全员"], Decisions: "未整改隐患逐项明确责任人，月底前复查。")),
            (WorkLedgerKind.SupervisionUpdate, nanxiang, new("南翔镇开展消防安全夜查", now.AddDays(-7), "夜查企业12家，发现隐患9处，已全部交办整改。")),
            (WorkLedgerKind.SupervisionUpdate, null, new("区应急局通报重大隐患挂牌督办情况", now.AddDays(-3), "本月挂牌督办重大隐患2处，已整改销号1处。")),
        };
        foreach (var (kind, town, data) in entries)
        {
            var id = Guid.CreateVersion7();
            session.Events.StartStream<WorkLedgerEntry>(id,
                new WorkLedgerEntryRecorded(id, kind, town?.Id, town?.Name, WorkLedgerKinds.Content(kind, data with { TownId = town?.Id }), Actor.System));
        }
    }
}
