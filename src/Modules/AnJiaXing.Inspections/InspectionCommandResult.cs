namespace AnJiaXing.Inspections;

/// <summary>The answer to an inspection command: where the record stands now.</summary>
/// <remarks><see cref="ItemCodes"/>: the codes the command recorded; on submit, the NonCompliant codes that raise hazards.</remarks>
public sealed record InspectionCommandResult(Guid Id, long Version, InspectionStatus Status, int Items, IReadOnlyList<string> ItemCodes);
