
namespace AnJiaXing.Statistics;

/// <summary>
/// What the monthly inspection summary, the inspection kind panel and plan completion count about one inspection,
/// or about one plan within one scope. Like <see cref="HazardFacts"/>, a scope's inspection figures are the sum of
/// these, and an <see cref="InspectionStep"/> swaps old for new. <see cref="ScopeStatisticsProjection"/> replays an
/// inspection's stream into these facts (<see cref="InspectionHistories"/>) and a plan's completion from its
/// enterprises and the submitted inspections under it (<see cref="PlanHistories"/>).
/// </summary>
public sealed record InspectionFacts
{
    public Guid Id { get; init; }
    public Guid? EnterpriseId { get; init; }
    public Guid TownId { get; init; }
    public IReadOnlyList<IndustryDomain> Domains { get; init; } = [];

    /// <summary>Set for an inspection: its kind (Routine, SpecialAction, Holiday, LawEnforcement, …).</summary>
    public string? Kind { get; init; }

    /// <summary>The day an inspection was submitted; null while it is a draft (drafts are not counted).</summary>
    public DateOnly? SubmittedOn { get; init; }

    public int HazardsRaised { get; init; }

    /// <summary>
    /// Set for a plan's share of one scope: how many of the scope's enterprises it plans to inspect and how many of
    /// them a submitted inspection under the plan has covered.
    /// </summary>
    public bool IsPlan { get; init; }
    public int Planned { get; init; }
    public int Completed { get; init; }

    /// <summary>
    /// A registered enterprise's inspection counts in the enterprise's town and domains as recorded at start; a
    /// temporary check (no enterprise id) in the town the inspector named or belongs to, which the event also carries.
    /// </summary>
    public static InspectionFacts Started(InspectionStarted s) => new()
    {
        Id = s.InspectionId,
        EnterpriseId = s.EnterpriseId,
        TownId = s.TownId,
        Domains = s.Domains,
        Kind = s.Kind.ToString()
    };

    /// <summary>The facts after one more event of the inspection's stream, recorded at <paramref name="at"/>; unchanged facts are returned as they are.</summary>
    public InspectionFacts After(IInspectionEvent e, DateTimeOffset at) => e switch
    {
        InspectionSubmitted => this with { SubmittedOn = StatisticsCalendar.DayOf(at) },
        InspectionHazardRaised => this with { HazardsRaised = HazardsRaised + 1 },
        _ => this
    };
}

public sealed record InspectionStep(InspectionFacts? Before, InspectionFacts After);
