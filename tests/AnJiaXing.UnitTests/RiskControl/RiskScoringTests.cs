namespace AnJiaXing.UnitTests.RiskControl;

/// <summary>The level thresholds of api.md at every boundary, on both sides.</summary>
public class RiskScoringTests
{
    // LEC: D = L × E × C; D ≥ 320 Major, 160 ≤ D < 320 Significant, 70 ≤ D < 160 General, D < 70 Low.
    [Theory]
    [InlineData(0.1, 0.5, 1, 0.05, RiskLevel.Low)]
    [InlineData(1, 6.9, 10, 69, RiskLevel.Low)]
    [InlineData(1, 6.99, 10, 69.9, RiskLevel.Low)]
    [InlineData(1, 10, 7, 70, RiskLevel.General)]        // 70: General
    [InlineData(0.1, 7, 100, 70, RiskLevel.General)]     // 70 from a product that is 70.00000000000001 in floating point
    [InlineData(1, 7.1, 10, 71, RiskLevel.General)]
    [InlineData(1, 3.18, 50, 159, RiskLevel.General)]
    [InlineData(1, 3.199, 50, 159.95, RiskLevel.General)]
    [InlineData(1, 4, 40, 160, RiskLevel.Significant)]   // 160: Significant
    [InlineData(2, 2, 40, 160, RiskLevel.Significant)]
    [InlineData(1, 3.22, 50, 161, RiskLevel.Significant)]
    [InlineData(1, 3.19, 100, 319, RiskLevel.Significant)]
    [InlineData(1, 3.1999, 100, 319.99, RiskLevel.Significant)]
    [InlineData(1, 8, 40, 320, RiskLevel.Major)]         // 320: Major
    [InlineData(1, 3.21, 100, 321, RiskLevel.Major)]
    [InlineData(10, 10, 100, 10000, RiskLevel.Major)]
    public void lec_levels_follow_the_thresholds(double l, double e, double c, double score, RiskLevel level)
    {
        var a = new RiskAssessment(AssessmentMethod.LEC, l, e, c);
        Assert.Equal(score, a.Score, 6);
        Assert.Equal(level, a.Level);
    }

    [Theory]
    [InlineData(69.9999, RiskLevel.Low)]
    [InlineData(70, RiskLevel.General)]
    [InlineData(159.9999, RiskLevel.General)]
    [InlineData(160, RiskLevel.Significant)]
    [InlineData(319.9999, RiskLevel.Significant)]
    [InlineData(320, RiskLevel.Major)]
    public void lec_scores_at_the_boundaries(double score, RiskLevel level) =>
        Assert.Equal(level, RiskScoring.LevelOf(AssessmentMethod.LEC, score));

    // LS (5 × 5): R = L × S; R ≥ 20 Major, 15–16 Significant, 9–12 General, ≤ 8 Low.
    [Theory]
    [InlineData(1, 1, 1, RiskLevel.Low)]
    [InlineData(2, 4, 8, RiskLevel.Low)]       // 8: Low
    [InlineData(4, 2, 8, RiskLevel.Low)]
    [InlineData(3, 3, 9, RiskLevel.General)]   // 9: General
    [InlineData(2, 5, 10, RiskLevel.General)]
    [InlineData(3, 4, 12, RiskLevel.General)]  // 12: General
    [InlineData(4, 3, 12, RiskLevel.General)]
    [InlineData(3, 5, 15, RiskLevel.Significant)] // 15: Significant
    [InlineData(5, 3, 15, RiskLevel.Significant)]
    [InlineData(4, 4, 16, RiskLevel.Significant)] // 16: Significant
    [InlineData(4, 5, 20, RiskLevel.Major)]    // 20: Major
    [InlineData(5, 4, 20, RiskLevel.Major)]
    [InlineData(5, 5, 25, RiskLevel.Major)]
    public void ls_levels_follow_the_thresholds(int l, int s, double score, RiskLevel level)
    {
        var a = new RiskAssessment(AssessmentMethod.LS, l, S: s);
        Assert.Equal(score, a.Score);
        Assert.Equal(level, a.Level);
    }

    [Fact]
    public void every_cell_of_the_5x5_matrix_has_the_level_of_its_product()
    {
        for (var l = 1; l <= 5; l++)
        for (var s = 1; s <= 5; s++)
        {
            var r = l * s;
            var expected = r >= 20 ? RiskLevel.Major : r is 15 or 16 ? RiskLevel.Significant : r is >= 9 and <= 12 ? RiskLevel.General : RiskLevel.Low;
            Assert.True(r <= 8 || r >= 9, "products are whole");
            Assert.Equal(expected, new RiskAssessment(AssessmentMethod.LS, l, S: s).Level);
        }
    }

    [Fact]
    public void levels_have_their_colours_and_names()
    {
        Assert.Equal(["Red", "Orange", "Yellow", "Blue"], RiskLevels.All.Select(l => l.Colour()));
        Assert.Equal(["重大风险", "较大风险", "一般风险", "低风险"], RiskLevels.All.Select(l => l.ChineseName()));
    }

    [Fact]
    public void a_reassessment_records_the_previous_level_and_keeps_the_new_one()
    {
        var view = RiskPointView.Create(new JasperFx.Events.Event<RiskPointRegistered>(RiskControlSamples.Registered()) { Version = 1 });
        var e = view.Reassess(new RiskAssessment(AssessmentMethod.LS, 2, S: 2), "增设联锁", RiskControlSamples.Town);
        Assert.Equal(RiskLevel.Major, e.PreviousLevel);
        Assert.Equal(RiskLevel.Low, e.Level);
        Assert.Equal(4, e.Score);
        view.Apply(new JasperFx.Events.Event<RiskPointReassessed>(e) { Version = 2 });
        Assert.Equal(RiskLevel.Low, view.Level);
        Assert.Equal("Blue", view.Colour);
        Assert.Equal([RiskLevel.Major, RiskLevel.Low], view.Assessments.Select(a => a.Level));
    }
}

public class RiskAssessmentValidationTests
{
    private static readonly RiskAssessmentValidator Validator = new();

    [Theory]
    [InlineData(AssessmentMethod.LEC, 3.0, 6.0, 15.0, null, true)]
    [InlineData(AssessmentMethod.LEC, 0.05, 6.0, 15.0, null, false)]
    [InlineData(AssessmentMethod.LEC, 3.0, null, 15.0, null, false)]
    [InlineData(AssessmentMethod.LEC, 3.0, 6.0, 150.0, null, false)]
    [InlineData(AssessmentMethod.LEC, 3.0, 6.0, 15.0, 2.0, false)]
    [InlineData(AssessmentMethod.LS, 3.0, null, null, 4.0, true)]
    [InlineData(AssessmentMethod.LS, 6.0, null, null, 4.0, false)]
    [InlineData(AssessmentMethod.LS, 2.5, null, null, 4.0, false)]
    [InlineData(AssessmentMethod.LS, 3.0, null, null, null, false)]
    [InlineData(AssessmentMethod.LS, 3.0, 6.0, null, 4.0, false)]
    public void assessments_are_checked_per_method(AssessmentMethod method, double l, double? e, double? c, double? s, bool valid) =>
        Assert.Equal(valid, Validator.Validate(new RiskAssessment(method, l, e, c, s)).IsValid);
}
