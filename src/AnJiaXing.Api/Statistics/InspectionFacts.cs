namespace AnJiaXing.Api.Statistics;

/// <summary>
/// The contract inspection events will feed (issue 6 builds inspections): what the monthly inspection summary,
/// the inspection kind panel and plan completion count about one inspection or plan. Like <see cref="HazardFacts"/>,
/// a scope's inspection figures are the sum of these, and an <see cref="InspectionStep"/> swaps old for new.
/// Wiring them means one thing: in <see cref="ScopeStatisticsProjection"/>, turn each inspection (and plan) event
/// into an <see cref="InspectionStep"/> for the scopes of its enterprise — nothing else changes.
/// </summary>
public sealed record InspectionFacts
{
    public Guid Id { get; init; }
    public Guid? EnterpriseId { get; init; }
    public Guid TownId { get; init; }
    public IReadOnlyList<Organisations.IndustryDomain> Domains { get; init; } = [];

    /// <summary>Set for an inspection: its kind (Routine, SpecialAction, Holiday, LawEnforcement, …).</summary>
    public string? Kind { get; init; }

    /// <summary>The day an inspection was submitted; null while it is a draft (drafts are not counted).</summary>
    public DateOnly? SubmittedOn { get; init; }

    public int HazardsRaised { get; init; }

    /// <summary>Set for a plan: how many inspections it plans and how many of them are done.</summary>
    public bool IsPlan { get; init; }
    public int Planned { get; init; }
    public int Completed { get; init; }
}

public sealed record InspectionStep(InspectionFacts? Before, InspectionFacts After);
