namespace AnJiaXing.Inspections.Contracts;

/// <summary>计划类型; inspections started from the plan take the same kind.</summary>
public enum InspectionPlanType
{
    Routine,
    SpecialAction,
    Holiday,
    LawEnforcement
}

public static class InspectionPlanTypes
{
    public static InspectionKind Kind(this InspectionPlanType type) => type switch
    {
        InspectionPlanType.SpecialAction => InspectionKind.SpecialAction,
        InspectionPlanType.Holiday => InspectionKind.Holiday,
        InspectionPlanType.LawEnforcement => InspectionKind.LawEnforcement,
        _ => InspectionKind.Routine
    };
}
