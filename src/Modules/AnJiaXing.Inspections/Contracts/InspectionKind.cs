namespace AnJiaXing.Inspections.Contracts;

/// <summary>检查类型. A plan's type becomes the kind of the inspections started from it.</summary>
public enum InspectionKind
{
    Routine,        // 日常检查
    SpecialAction,  // 专项行动
    Holiday,        // 节假日检查
    LawEnforcement, // 执法检查
    SelfInspection, // 企业自查
    QuickCheck,     // 随手查 / 快速检查: no checklist, free-text findings
    Temporary,      // 临时检查: an enterprise not yet registered
    Recheck         // 整改复查: re-inspection of one hazard's rectification
}
