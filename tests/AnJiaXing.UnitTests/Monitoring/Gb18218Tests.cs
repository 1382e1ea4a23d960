namespace AnJiaXing.UnitTests.Monitoring;

public class Gb18218Tests
{
    private static HazardousSubstance S(decimal q, decimal critical, decimal beta = 1m) => new("物质", q, critical, beta);

    [Theory]
    [InlineData(100.0, 1)]
    [InlineData(150.0, 1)]
    [InlineData(99.999999, 2)]
    [InlineData(50.0, 2)]
    [InlineData(49.999999, 3)]
    [InlineData(10.0, 3)]
    [InlineData(9.999999, 4)]
    [InlineData(1.0, 4)]
    [InlineData(0.0, 4)]
    public void the_grade_follows_the_boundaries_of_R(double r, int grade) => Assert.Equal(grade, Gb18218.GradeOf((decimal)r));

    [Fact]
    public void a_ratio_sum_of_exactly_one_is_a_major_hazard_source()
    {
        var a = Gb18218.Assess(1.0m, [S(50, 100), S(25, 50)]);
        Assert.Equal(1m, a.QuantityRatioSum);
        Assert.True(a.IsMajorHazardSource);
        Assert.Equal(4, a.Grade);
    }

    [Fact]
    public void just_below_one_is_not_a_major_hazard_source_and_has_no_grade()
    {
        var a = Gb18218.Assess(2.0m, [S(99.999m, 100)]);
        Assert.False(a.IsMajorHazardSource);
        Assert.Null(a.Grade);
    }

    [Fact]
    public void thirds_add_up_to_one_exactly()
    {
        var a = Gb18218.Assess(1.0m, [S(1, 3), S(1, 3), S(1, 3)]);
        Assert.Equal(1m, a.QuantityRatioSum);
        Assert.True(a.IsMajorHazardSource);
    }

    [Theory]
    // R = α · Σ β·q/Q at each grade line: α 2.0, β 2, q/Q 25 → R 100 (grade 1); q/Q 24.999 → R 99.996 (grade 2).
    [InlineData(2.0, 2.0, 2500, 100, 100.0, 1)]
    [InlineData(2.0, 2.0, 2499.9, 100, 99.996, 2)]
    [InlineData(1.0, 1.0, 50, 1, 50.0, 2)]
    [InlineData(1.0, 1.0, 49.99, 1, 49.99, 3)]
    [InlineData(0.5, 2.0, 10, 1, 10.0, 3)]
    [InlineData(0.5, 2.0, 9.99, 1, 9.99, 4)]
    [InlineData(1.2, 1.5, 5, 1, 9.0, 4)]
    public void R_is_alpha_times_the_beta_weighted_ratios(double alpha, double beta, double q, double critical, double r, int grade)
    {
        var a = Gb18218.Assess((decimal)alpha, [S((decimal)q, (decimal)critical, (decimal)beta)]);
        Assert.Equal((decimal)r, a.R);
        Assert.Equal(grade, a.Grade);
    }

    [Fact]
    public void several_substances_each_weigh_with_their_own_beta()
    {
        // 液氯 q 10 t, Q 5 t, β 4; 甲醇 q 250 t, Q 500 t, β 1; α 1.5 → S = 2.5, R = 1.5 · (8 + 0.5) = 12.75 → grade 3.
        var a = Gb18218.Assess(1.5m, [new("液氯", 10, 5, 4), new("甲醇", 250, 500, 1)]);
        Assert.Equal(2.5m, a.QuantityRatioSum);
        Assert.Equal(12.75m, a.R);
        Assert.Equal(3, a.Grade);
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, 1.0)]
    [InlineData(29, 1.0)]
    [InlineData(30, 1.2)]
    [InlineData(49, 1.2)]
    [InlineData(50, 1.5)]
    [InlineData(99, 1.5)]
    [InlineData(100, 2.0)]
    public void alpha_follows_the_exposed_population(int people, double alpha) => Assert.Equal((decimal)alpha, Gb18218.AlphaFor(people));

    [Fact]
    public void a_critical_quantity_of_zero_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Gb18218.Assess(1m, [S(1, 0)]));
}
