using Marten;

namespace AnJiaXing.Inspections.Demo;

/// <summary>
/// A special-action plan per demo town (南翔镇, 安亭镇) over up to three of its enterprises, each inspected under the plan
/// by the town's supervisor and submitted with findings that raise hazards — all through the inspection rules and the
/// same handler the outbox delivers to. Does nothing when the store holds no enterprises in those towns. At district
/// scale (<see cref="DemoScale.District"/>) every town with a supervisor does the same.
/// </summary>
public sealed class InspectionDemoSeed(TimeProvider clock, IServiceProvider services) : IDemoSeed
{
    public int Order => 40;

    private static readonly (string Town, string Supervisor)[] Towns = [("南翔镇", "town.nanxiang"), ("安亭镇", "town.anting")];

    public async Task SeedAsync(IDocumentSession session, DemoContext context, CancellationToken ct)
    {
        var organisations = (await session.Query<Organisation>().ToListAsync(ct)).ToDictionary(o => o.Id);
        var accounts = (await session.Query<Person>().ToListAsync(ct)).ToDictionary(a => a.Username);
        if (!accounts.TryGetValue("district.admin", out var adminAccount)) return;
        Caller CallerOf(Person a) => AccountPrincipalFactory.CallerOf(a, organisations[a.OrganisationId]);
        var admin = CallerOf(adminAccount);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        // At district scale every town with a supervisor runs its plan; the small demo, the two towns above.
        var towns = context.Scale == DemoScale.District
            ? organisations.Values.Where(o => o.Kind == OrganisationKind.Town).OrderBy(o => Array.IndexOf(DemoDistrict.Towns, o.Name))
                .Select(t => (t.Name, accounts.Values.Where(a => a.Role == Role.TownSupervisor && a.TownId == t.Id)
                    .Select(a => a.Username).Order(StringComparer.Ordinal).FirstOrDefault() ?? "")).ToArray()
            : Towns;
        foreach (var (townName, supervisorName) in towns)
        {
            var town = organisations.Values.FirstOrDefault(o => o.Kind == OrganisationKind.Town && o.Name == townName);
            if (town is null || !accounts.TryGetValue(supervisorName, out var supervisorAccount)) continue;
            var enterprises = organisations.Values.Where(o => o.Kind == OrganisationKind.Enterprise && o.TownId == town.Id && o.Enabled)
                .OrderBy(o => o.Name, StringComparer.Ordinal).Take(3).ToList();
            if (enterprises.Count == 0) continue;

            var checklist = await BuiltInChecklistAsync(session, enterprises[0].Domains.FirstOrDefault(IndustryDomain.HazardousChemicals), ct);
            var supervisor = CallerOf(supervisorAccount);
            var planId = Guid.CreateVersion7();
            session.Events.StartStream<InspectionPlan>(planId, InspectionPlan.Plan(planId, $"{townName} 冬季安全生产专项检查",
                InspectionPlanType.SpecialAction, today.AddDays(-14), today.AddDays(45), checklist, enterprises, [supervisorAccount], admin));
            await session.SaveChangesAsync(ct);

            // The last enterprise is left for later, so the plan shows partial completion.
            foreach (var enterprise in enterprises.Count > 1 ? enterprises[..^1] : enterprises)
                await InspectAsync(session, planId, enterprise, town, checklist, supervisor, ct);
        }
    }

    private async Task InspectAsync(IDocumentSession session, Guid planId, Organisation enterprise, Organisation town,
        Checklist checklist, Caller inspector, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        session.Events.StartStream<InspectionRecord>(id,
            Inspection.Start(id, InspectionKind.SpecialAction, enterprise, null, town, checklist, planId, null, inspector));
        await session.SaveChangesAsync(ct);

        var items = checklist.Items.Take(6).ToList();
        var findings = items.Select((item, i) => new ItemFinding(item.Code, null,
            i switch { 1 => ItemResult.NonCompliant, 4 => ItemResult.NonCompliant, 5 => ItemResult.NotApplicable, _ => ItemResult.Compliant },
            i switch { 1 => "现场检查发现不符合要求，已责令限期整改", 4 => "记录不全", _ => null }, [],
            i == 4 ? HazardLevel.General : null, null)).ToList();
        var stream = await session.Events.FetchForWriting<Inspection>(id, ct);
        stream.AppendMany(stream.Aggregate!.Record(findings, checklist, inspector.Actor));
        await session.SaveChangesAsync(ct);

        stream = await session.Events.FetchForWriting<Inspection>(id, ct);
        var record = stream.Aggregate!;
        var submitted = record.Submit(null, inspector.Actor);
        stream.AppendOne(submitted);
        await session.SaveChangesAsync(ct);

        // Findings enter the hazard ledger as every signed inspection's do: by message to the Hazards module.
        await using var scope = services.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<Wolverine.IMessageBus>();
        var signedAt = DateTimeOffset.UtcNow;
        foreach (var code in submitted.Findings)
        {
            await bus.InvokeAsync(InspectionFindings.MessageFor(record, record.FindItem(code)!, checklist, inspector, signedAt), ct);
        }
    }

    /// <summary>The built-in checklist of a domain; published here when the demo runs before the start-up publisher has.</summary>
    private static async Task<Checklist> BuiltInChecklistAsync(IDocumentSession session, IndustryDomain domain, CancellationToken ct)
    {
        var builtIns = BuiltInChecklists.Load();
        var builtIn = builtIns.FirstOrDefault(b => b.Domain == domain) ?? builtIns.First(b => b.Domain == IndustryDomain.HazardousChemicals);
        if (await session.LoadAsync<Checklist>(builtIn.Id, ct) is { } existing) return existing;
        session.Events.StartStream<Checklist>(builtIn.Id,
            Checklist.Publish(builtIn.Id, builtIn.Name, builtIn.Kind, builtIn.Domain, builtIn.Items, Actor.System, builtIn.Key));
        await session.SaveChangesAsync(ct);
        return (await session.LoadAsync<Checklist>(builtIn.Id, ct))!;
    }
}
