namespace AnJiaXing.Inspections.Contracts;

/// <summary>检查结果 of one item: 符合 / 不符合 / 不适用.</summary>
public enum ItemResult
{
    Compliant,
    NonCompliant,
    NotApplicable
}
