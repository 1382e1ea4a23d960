namespace AnJiaXing.Inspections;

/// <summary>The answer to an inspection command: where the record stands now.</summary>
/// <remarks>
/// <see cref="ItemCodes"/>: the codes the command recorded; on submit, the NonCompliant codes that raise hazards, and
/// <see cref="RaisedHazardIds"/> the ids those hazards will have (fixed by inspection and item), so a client can follow
/// them before the Hazards module has reported them.
/// </remarks>
public sealed record InspectionCommandResult(
    Guid Id, long Version, InspectionStatus Status, int Items, IReadOnlyList<string> ItemCodes, IReadOnlyList<Guid>? RaisedHazardIds = null);
