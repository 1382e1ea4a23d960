namespace AnJiaXing.Hazards.Contracts;

/// <summary>Hazard categories (隐患类别) used for statistics.</summary>
public enum HazardCategory
{
    Fire,               // 消防
    Electrical,         // 电气
    SpecialEquipment,   // 特种设备
    HazardousChemicals, // 危险化学品
    ConfinedSpace,      // 有限空间
    WorkAtHeight,       // 高处作业
    Machinery,          // 机械设备
    Construction,       // 施工安全
    Management,         // 安全管理（制度、培训、台账）
    Other
}
