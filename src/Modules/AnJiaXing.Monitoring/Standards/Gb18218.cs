namespace AnJiaXing.Monitoring.Standards;

/// <summary>The outcome of GB 18218-2018 for one unit: S = Σ q/Q, R = α · Σ β·q/Q, whether it is a major hazard source and its grade.</summary>
public sealed record Gb18218Assessment(decimal QuantityRatioSum, decimal R, bool IsMajorHazardSource, int? Grade);

/// <summary>
/// GB 18218-2018《危险化学品重大危险源辨识》as code.
/// <list type="bullet">
/// <item>辨识 (4.2.2): S = q1/Q1 + q2/Q2 + … + qn/Qn; S ≥ 1 makes the unit a major hazard source.</item>
/// <item>分级 (4.3): R = α (β1 q1/Q1 + … + βn qn/Qn); R ≥ 100 grade 1 (一级), 50 ≤ R &lt; 100 grade 2, 10 ≤ R &lt; 50 grade 3,
/// R &lt; 10 grade 4.</item>
/// <item>α (表5) by the number of people exposed within 500 m: ≥ 100 → 2.0, 50–99 → 1.5, 30–49 → 1.2, 1–29 → 1.0, 0 → 0.5.</item>
/// </list>
/// Arithmetic is in decimal, and S and R are rounded to <see cref="Decimals"/> places before they are compared, so
/// three substances at q/Q = 1/3 make S = 1 exactly (a binary double would give 0.999…).
/// </summary>
public static class Gb18218
{
    public const int Decimals = 6;

    /// <summary>The α values 表5 allows.</summary>
    public static readonly IReadOnlyList<decimal> Alphas = [0.5m, 1.0m, 1.2m, 1.5m, 2.0m];

    public static decimal AlphaFor(int exposedPeople) => exposedPeople switch
    {
        < 0 => throw new ArgumentOutOfRangeException(nameof(exposedPeople), "人数不能为负"),
        >= 100 => 2.0m,
        >= 50 => 1.5m,
        >= 30 => 1.2m,
        >= 1 => 1.0m,
        _ => 0.5m
    };

    public static int GradeOf(decimal r) => r switch
    {
        >= 100m => 1,
        >= 50m => 2,
        >= 10m => 3,
        _ => 4
    };

    public static Gb18218Assessment Assess(decimal alpha, IEnumerable<HazardousSubstance> substances)
    {
        decimal s = 0m, weighted = 0m;
        foreach (var x in substances)
        {
            if (x.CriticalQuantity <= 0) throw new ArgumentOutOfRangeException(nameof(substances), "临界量必须大于 0");
            var ratio = x.Quantity / x.CriticalQuantity;
            s += ratio;
            weighted += x.Beta * ratio;
        }
        s = Math.Round(s, Decimals, MidpointRounding.AwayFromZero);
        var r = Math.Round(alpha * weighted, Decimals, MidpointRounding.AwayFromZero);
        var major = s >= 1m;
        return new Gb18218Assessment(s, r, major, major ? GradeOf(r) : null);
    }
}
