namespace AnJiaXing.Statistics;

/// <summary>
/// One hazard event as the statistics see it: the hazard's facts before (null when it was just reported) and
/// after. Made by <see cref="ScopeStatisticsProjection"/>'s grouping from the hazard's stream; never stored.
/// </summary>
public sealed record HazardStep(HazardFacts? Before, HazardFacts After);
