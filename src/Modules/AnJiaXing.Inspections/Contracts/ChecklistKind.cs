namespace AnJiaXing.Inspections.Contracts;

/// <summary>检查表类型: built into the platform per industry (行业), recommended by the district (推荐), or self-built (自建).</summary>
public enum ChecklistKind
{
    Industry,
    Recommended,
    Custom
}
