namespace AnJiaXing.Statistics;

/// <summary>
/// The three assessment figures of domain.md (监督考核) and the rectification rate, for a period; defined in
/// ADR 0018. Hazard figures follow the cohort of hazards reported in the period, as they stand now.
/// </summary>
public sealed record AssessmentFigures(
    Rate UserActivity,          // 用户活跃度
    Rate InformationAccuracy,   // 信息准确率
    Rate ClosureRate,           // 隐患销案率
    Rate OnTimeClosureRate,     // 按期销案率
    Rate RectificationRate)     // 整改率
{
    public static AssessmentFigures From(DayFigures cohort, int activeAccounts, int enabledAccounts) => new(
        Rate.Of(activeAccounts, enabledAccounts),
        Rate.Of(cohort.Accurate, cohort.Reported),
        Rate.Of(cohort.Closed, cohort.Valid),
        Rate.Of(cohort.ClosedOnTime, cohort.Valid),
        Rate.Of(cohort.Rectified, cohort.Valid));
}
