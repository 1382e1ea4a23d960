namespace AnJiaXing.Hazards.Contracts;

/// <summary>Hazard level (隐患等级): 一般隐患 or 重大隐患. Checklist items suggest one; the hazard ledger records one.</summary>
public enum HazardLevel
{
    General, // 一般隐患
    Major    // 重大隐患
}
