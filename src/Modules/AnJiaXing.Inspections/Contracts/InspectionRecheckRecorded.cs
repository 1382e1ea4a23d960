
namespace AnJiaXing.Inspections.Contracts;

/// <summary>A recheck inspection's verdict was recorded on its hazard through the hazard's own recheck rule.</summary>
public sealed record InspectionRecheckRecorded(Guid InspectionId, Guid HazardId, bool Passed, Actor By) : IInspectionEvent;
