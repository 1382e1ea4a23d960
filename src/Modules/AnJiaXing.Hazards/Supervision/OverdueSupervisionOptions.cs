namespace AnJiaXing.Hazards.Supervision;

/// <summary>When an overdue hazard goes up from the town to the department of its domain (督办升级).</summary>
public sealed class OverdueSupervisionOptions
{
    public const string Section = "AnJiaXing:OverdueSupervision";

    /// <summary>Days after the deadline at which a general hazard still overdue is escalated to the department (a major one at once).</summary>
    public int DepartmentAfterDays { get; set; } = 3;

    public TimeSpan DepartmentDelay => TimeSpan.FromDays(Math.Max(0, DepartmentAfterDays));
}
