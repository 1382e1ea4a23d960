namespace AnJiaXing.Monitoring.Alarms;

/// <summary>Where one threshold of a point stands: whether the condition holds now, and the alarm it opened if unresolved.</summary>
public sealed class ThresholdState
{
    public bool Active { get; set; }
    public Guid? OpenAlarmId { get; set; }
}

/// <summary>
/// The alarm state of a monitoring point, per threshold (id = the point's code). Derived from readings (not events), so
/// it is a document, written with optimistic concurrency: telemetry and a resolve that race cannot both win.
/// </summary>
public sealed class PointAlarmState
{
    public string Id { get; set; } = "";
    public DateTimeOffset? LastAt { get; set; }
    public double? LastValue { get; set; }
    public Dictionary<ThresholdLevel, ThresholdState> Levels { get; set; } = [];

    public ThresholdState Of(ThresholdLevel level) => Levels.TryGetValue(level, out var s) ? s : Levels[level] = new ThresholdState();
}

/// <summary>An alarm a reading opens.</summary>
public sealed record Crossing(ThresholdLevel Level, double Threshold, double Value, DateTimeOffset At, Guid AlarmId);

/// <summary>
/// Threshold evaluation with hysteresis (回差). A threshold's condition becomes active when a reading reaches it
/// (high side: value ≥ threshold; low side: value ≤ threshold) and clears only when a reading is back beyond the
/// deadband (high: value &lt; threshold − deadband; low: value &gt; threshold + deadband). An alarm opens when the condition
/// becomes active and no unresolved alarm of that point and threshold exists: a value hovering at the line opens one
/// alarm, not one per reading, and a resolved alarm is followed by a new one only after a real return and re-crossing.
/// Readings not newer than the state's <see cref="PointAlarmState.LastAt"/> (saved with each transition) are stored but
/// not evaluated: a late batch cannot undo a later transition.
/// </summary>
public sealed record Evaluation(IReadOnlyList<Crossing> Raised, bool Changed);

/// <summary>
/// See <see cref="Evaluation"/>: <see cref="Evaluation.Changed"/> says whether a threshold turned active or cleared
/// (the state is then saved); a batch that changes nothing writes no state, so steady readings cost only their COPY.
/// </summary>
public static class ThresholdEvaluator
{
    public const double DefaultDeadbandShare = 0.01;
    public const double MinimumDeadband = 1e-6;

    public static bool IsHighSide(ThresholdLevel level) => level is ThresholdLevel.High or ThresholdLevel.HighHigh;

    /// <summary>The point's deadband, else 1% of the span between its lowest and highest threshold, else 1% of the threshold.</summary>
    public static double DeadbandOf(MonitoringPoint point, double threshold)
    {
        if (point.Deadband is { } d) return d;
        var all = point.Thresholds().Select(t => t.Value).ToList();
        var span = all.Count > 1 ? all.Max() - all.Min() : Math.Abs(threshold);
        return Math.Max(span * DefaultDeadbandShare, MinimumDeadband);
    }

    public static IReadOnlyList<Crossing> Evaluate(MonitoringPoint point, PointAlarmState state, IEnumerable<(DateTimeOffset At, double Value)> readings) =>
        Assess(point, state, readings).Raised;

    public static Evaluation Assess(MonitoringPoint point, PointAlarmState state, IEnumerable<(DateTimeOffset At, double Value)> readings)
    {
        var raised = new List<Crossing>();
        var changed = false;
        var thresholds = point.Thresholds().Select(t => (t.Level, t.Value, Deadband: DeadbandOf(point, t.Value))).ToList();
        foreach (var (at, value) in readings.OrderBy(r => r.At))
        {
            if (state.LastAt is { } last && at <= last) continue;
            state.LastAt = at;
            state.LastValue = value;
            foreach (var (level, threshold, deadband) in thresholds)
            {
                var s = state.Of(level);
                var high = IsHighSide(level);
                if (!s.Active && (high ? value >= threshold : value <= threshold))
                {
                    s.Active = true;
                    changed = true;
                    if (s.OpenAlarmId is null)
                    {
                        s.OpenAlarmId = Guid.CreateVersion7();
                        raised.Add(new Crossing(level, threshold, value, at, s.OpenAlarmId.Value));
                    }
                }
                else if (s.Active && (high ? value < threshold - deadband : value > threshold + deadband))
                {
                    s.Active = false;
                    changed = true;
                }
            }
        }
        return new Evaluation(raised, changed);
    }
}
