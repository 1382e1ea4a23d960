namespace AnJiaXing.Inspections.Contracts;

/// <summary>A draft is still being recorded; a submitted (signed) record is immutable.</summary>
public enum InspectionStatus
{
    Draft,
    Submitted
}
