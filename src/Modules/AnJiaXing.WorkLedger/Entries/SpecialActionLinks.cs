using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace AnJiaXing.WorkLedger.Entries;

/// <summary>An inspection plan as special-action progress needs it: its period and the towns of its enterprises.</summary>
public sealed class LinkedPlan
{
    public Guid Id { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public List<Guid> TownIds { get; set; } = [];
}

/// <summary>An inspection as special-action progress needs it: plan, town, domains, the day it started, whether it was submitted.</summary>
public sealed class LinkedInspection
{
    public Guid Id { get; set; }
    public Guid? PlanId { get; set; }
    public Guid TownId { get; set; }
    public List<IndustryDomain> Domains { get; set; } = [];
    public DateTimeOffset StartedAt { get; set; }
    public bool Submitted { get; set; }
}

/// <summary>A hazard as special-action progress needs it: town, domain, when it was found, the inspection that raised it, its status.</summary>
public sealed class LinkedHazard
{
    public Guid Id { get; set; }
    public Guid TownId { get; set; }
    public IndustryDomain Domain { get; set; }
    public DateTimeOffset FoundAt { get; set; }
    public Guid? InspectionId { get; set; }
    public HazardStatus Status { get; set; }
}

/// <summary>
/// The work ledger's own record of what a special action may link, folded inline from the events Inspections and
/// Hazards publish (their contracts: <see cref="InspectionPlanned"/>, <see cref="InspectionStarted"/>,
/// <see cref="InspectionSubmitted"/>, <see cref="HazardReported"/> and the lifecycle fold <see cref="HazardLifecycle"/>).
/// Progress reads these documents, never the other modules' read models, so either module may reshape its own
/// documents without breaking the count. Inline, so a link made right after a command already counts it; on a database
/// with history from before this projection existed it is rebuilt once like any projection.
/// </summary>
public sealed class SpecialActionLinksProjection : IProjection
{
    public const string Name = "WorkLedgerLinks";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var inspections = new Dictionary<Guid, LinkedInspection>();
        var hazards = new Dictionary<Guid, LinkedHazard>();
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case InspectionPlanned p:
                    operations.Store(new LinkedPlan
                    {
                        Id = p.PlanId, PeriodStart = p.PeriodStart, PeriodEnd = p.PeriodEnd,
                        TownIds = [.. p.Enterprises.Select(x => x.TownId).Distinct()]
                    });
                    break;
                case InspectionStarted s:
                    inspections[s.InspectionId] = new LinkedInspection
                    {
                        Id = s.InspectionId, PlanId = s.PlanId, TownId = s.TownId, Domains = [.. s.Domains],
                        StartedAt = e.Timestamp == default ? DateTimeOffset.UtcNow : e.Timestamp
                    };
                    break;
                case InspectionSubmitted submitted:
                    if (!inspections.TryGetValue(submitted.InspectionId, out var inspection))
                    {
                        inspection = await operations.LoadAsync<LinkedInspection>(submitted.InspectionId, cancellation);
                        if (inspection is null) break;
                        inspections[inspection.Id] = inspection;
                    }
                    inspection.Submitted = true;
                    break;
                case HazardReported r:
                    hazards[r.HazardId] = new LinkedHazard
                    {
                        Id = r.HazardId, TownId = r.TownId, Domain = r.Domain, FoundAt = r.FoundAt, InspectionId = r.InspectionId,
                        Status = HazardLifecycle.InitialStatus(r.Level)
                    };
                    break;
                case IHazardEvent change:
                    if (!hazards.TryGetValue(change.HazardId, out var hazard))
                    {
                        hazard = await operations.LoadAsync<LinkedHazard>(change.HazardId, cancellation);
                        if (hazard is null) break;
                        hazards[hazard.Id] = hazard;
                    }
                    hazard.Status = HazardLifecycle.After(hazard.Status, e.Data);
                    break;
            }
        }
        if (inspections.Count > 0) operations.Store(inspections.Values.ToArray());
        if (hazards.Count > 0) operations.Store(hazards.Values.ToArray());
    }
}
