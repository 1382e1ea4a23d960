
namespace AnJiaXing.Hazards.Contracts;

/// <summary>
/// Every hazard event names its hazard, the enterprise it belongs to (so projections and audit queries by
/// enterprise need no lookup) and the acting person.
/// </summary>
public interface IHazardEvent
{
    Guid HazardId { get; }
    Guid EnterpriseId { get; }
    Actor By { get; }
}
