
namespace AnJiaXing.Inspections.Contracts;

/// <summary>A finding of this inspection entered the hazard ledger as <see cref="HazardId"/> (the link back).</summary>
public sealed record InspectionHazardRaised(Guid InspectionId, string ItemCode, Guid HazardId, Actor By) : IInspectionEvent;
