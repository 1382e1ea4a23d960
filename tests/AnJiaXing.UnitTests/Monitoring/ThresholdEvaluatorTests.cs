namespace AnJiaXing.UnitTests.Monitoring;

public class ThresholdEvaluatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static MonitoringPoint Tank(double? deadband = 0.5) => new()
    {
        Id = "LT-101", Unit = "m", Quantity = "液位", LowLow = 1, Low = 2, High = 8, HighHigh = 9, Deadband = deadband
    };

    private static IEnumerable<(DateTimeOffset, double)> Series(params double[] values) =>
        values.Select((v, i) => (T0.AddSeconds(i), v));

    [Fact]
    public void a_value_hovering_at_the_line_opens_one_alarm()
    {
        var state = new PointAlarmState { Id = "LT-101" };
        var raised = ThresholdEvaluator.Evaluate(Tank(), state, Series(7.9, 8.0, 7.95, 8.01, 7.8, 8.2, 7.6, 8.0));
        var alarm = Assert.Single(raised);
        Assert.Equal(ThresholdLevel.High, alarm.Level);
        Assert.Equal(8.0, alarm.Value);
        Assert.True(state.Of(ThresholdLevel.High).Active);
    }

    [Fact]
    public void while_an_alarm_is_unresolved_a_new_crossing_opens_none()
    {
        var state = new PointAlarmState { Id = "LT-101" };
        Assert.Single(ThresholdEvaluator.Evaluate(Tank(), state, Series(8.5)));
        // Back beyond the deadband (7.5 - ε), then over again: the open alarm stands for both.
        var more = ThresholdEvaluator.Evaluate(Tank(), state, [(T0.AddMinutes(1), 7.0), (T0.AddMinutes(2), 8.5)]);
        Assert.Empty(more);
    }

    [Fact]
    public void after_a_resolve_a_return_and_a_new_crossing_open_a_new_alarm()
    {
        var state = new PointAlarmState { Id = "LT-101" };
        var first = Assert.Single(ThresholdEvaluator.Evaluate(Tank(), state, Series(8.5, 7.0)));
        Assert.False(state.Of(ThresholdLevel.High).Active);
        state.Of(ThresholdLevel.High).OpenAlarmId = null; // resolved
        var second = Assert.Single(ThresholdEvaluator.Evaluate(Tank(), state, [(T0.AddMinutes(5), 8.1)]));
        Assert.NotEqual(first.AlarmId, second.AlarmId);
    }

    [Fact]
    public void a_value_inside_the_deadband_keeps_the_condition_active()
    {
        var state = new PointAlarmState { Id = "LT-101" };
        ThresholdEvaluator.Evaluate(Tank(), state, Series(8.2, 7.6));
        Assert.True(state.Of(ThresholdLevel.High).Active);
        ThresholdEvaluator.Evaluate(Tank(), state, [(T0.AddMinutes(1), 7.49)]);
        Assert.False(state.Of(ThresholdLevel.High).Active);
    }

    [Fact]
    public void a_jump_over_both_high_lines_opens_high_and_high_high()
    {
        var state = new PointAlarmState { Id = "LT-101" };
        var raised = ThresholdEvaluator.Evaluate(Tank(), state, Series(9.5));
        Assert.Equal([ThresholdLevel.High, ThresholdLevel.HighHigh], raised.Select(r => r.Level).Order());
    }

    [Fact]
    public void the_low_side_mirrors_the_high_side()
    {
        var state = new PointAlarmState { Id = "LT-101" };
        var raised = ThresholdEvaluator.Evaluate(Tank(), state, Series(2.0, 2.1, 1.9, 2.4, 0.9));
        Assert.Equal([ThresholdLevel.Low, ThresholdLevel.LowLow], raised.Select(r => r.Level).OrderDescending());
        Assert.Equal(2.0, raised.Single(r => r.Level == ThresholdLevel.Low).Value);
    }

    [Fact]
    public void readings_older_than_the_last_evaluated_one_are_not_evaluated()
    {
        var state = new PointAlarmState { Id = "LT-101" };
        ThresholdEvaluator.Evaluate(Tank(), state, [(T0.AddMinutes(10), 5.0)]);
        Assert.Empty(ThresholdEvaluator.Evaluate(Tank(), state, [(T0, 9.9)]));
        Assert.Equal(T0.AddMinutes(10), state.LastAt);
    }

    [Fact]
    public void the_default_deadband_is_one_percent_of_the_threshold_span()
    {
        Assert.Equal(0.08, ThresholdEvaluator.DeadbandOf(Tank(deadband: null), 8), 10);
        Assert.Equal(0.5, ThresholdEvaluator.DeadbandOf(new MonitoringPoint { High = 50 }, 50), 10);
    }
}

public class DeviceKeysTests
{
    [Fact]
    public void an_issued_key_parses_back_to_its_device_and_matches_its_hash_only()
    {
        var id = Guid.CreateVersion7();
        var issued = DeviceKeys.Issue(id);
        var (device, secret) = DeviceKeys.Parse(issued.Key)!.Value;
        Assert.Equal(id, device);
        Assert.True(DeviceKeys.Matches(secret, issued.Hash));
        Assert.False(DeviceKeys.Matches(secret + "x", issued.Hash));
        Assert.False(DeviceKeys.Matches(secret, DeviceKeys.Issue(id).Hash));
        Assert.DoesNotContain(secret, issued.Hash);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("ajx1.not-a-guid.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("ajx1.0193000000007000800000000000000a.short")]
    public void a_key_of_another_shape_is_refused(string? key) => Assert.Null(DeviceKeys.Parse(key));
}
