using System.Text.Json.Serialization;

namespace AnJiaXing.RiskControl.Contracts;

/// <summary>
/// One assessment of a risk point: <c>{ method: "LEC", l, e, c }</c> or <c>{ method: "LS", l, s }</c>. The score and the level
/// follow from it by <see cref="RiskScoring"/>; events store both as they were decided, so a later change of the
/// thresholds never rewrites history.
/// </summary>
public sealed record RiskAssessment(AssessmentMethod Method, double L, double? E = null, double? C = null, double? S = null)
{
    // Derived, never stored or answered on their own: events and read models carry the score and level as decided.
    [JsonIgnore] public double Score => RiskScoring.ScoreOf(this);
    [JsonIgnore] public RiskLevel Level => RiskScoring.LevelOf(Method, Score);
}

/// <summary>
/// The level thresholds of api.md, exactly:
/// LEC: D = L × E × C; D ≥ 320 Major, 160 ≤ D &lt; 320 Significant, 70 ≤ D &lt; 160 General, D &lt; 70 Low.
/// LS (5 × 5): R = L × S; R ≥ 20 Major, 15–16 Significant, 9–12 General, ≤ 8 Low.
/// </summary>
public static class RiskScoring
{
    public const double LecMajor = 320, LecSignificant = 160, LecGeneral = 70;
    public const double LsMajor = 20, LsSignificant = 15, LsGeneral = 9;

    /// <summary>The product, rounded to 4 decimals so 0.1 × 7 × 100 is 70, not 70.00000000000001.</summary>
    public static double ScoreOf(RiskAssessment a) => Math.Round(a.Method switch
    {
        AssessmentMethod.LEC => a.L * (a.E ?? 0) * (a.C ?? 0),
        _ => a.L * (a.S ?? 0)
    }, 4, MidpointRounding.AwayFromZero);

    public static RiskLevel LevelOf(AssessmentMethod method, double score) => method switch
    {
        AssessmentMethod.LEC => score >= LecMajor ? RiskLevel.Major
            : score >= LecSignificant ? RiskLevel.Significant
            : score >= LecGeneral ? RiskLevel.General
            : RiskLevel.Low,
        _ => score >= LsMajor ? RiskLevel.Major
            : score >= LsSignificant ? RiskLevel.Significant
            : score >= LsGeneral ? RiskLevel.General
            : RiskLevel.Low
    };
}
