namespace AnJiaXing.RiskControl.Contracts;

/// <summary>
/// The four risk levels (风险等级) and their colours of the four-colour map (四色图): Major red 重大, Significant orange 较大,
/// General yellow 一般, Low blue 低.
/// </summary>
public enum RiskLevel
{
    Major,
    Significant,
    General,
    Low
}

/// <summary>How a risk point was assessed: LEC (作业条件危险性分析, D = L × E × C) or LS (风险矩阵, R = L × S on 5 × 5).</summary>
public enum AssessmentMethod
{
    LEC,
    LS
}

/// <summary>The level's colour and Chinese names, stated once (cards, maps, counts).</summary>
public static class RiskLevels
{
    public static readonly IReadOnlyList<RiskLevel> All = [RiskLevel.Major, RiskLevel.Significant, RiskLevel.General, RiskLevel.Low];

    /// <summary>The colour's English name as the enterprise file and map answer it: Red, Orange, Yellow, Blue.</summary>
    public static string Colour(this RiskLevel level) => level switch
    {
        RiskLevel.Major => "Red",
        RiskLevel.Significant => "Orange",
        RiskLevel.General => "Yellow",
        _ => "Blue"
    };

    /// <summary>The colour as CSS/PDF hex.</summary>
    public static string Hex(this RiskLevel level) => level switch
    {
        RiskLevel.Major => "#E60012",
        RiskLevel.Significant => "#F39800",
        RiskLevel.General => "#FFE100",
        _ => "#0068B7"
    };

    /// <summary>重大风险 / 较大风险 / 一般风险 / 低风险.</summary>
    public static string ChineseName(this RiskLevel level) => level switch
    {
        RiskLevel.Major => "重大风险",
        RiskLevel.Significant => "较大风险",
        RiskLevel.General => "一般风险",
        _ => "低风险"
    };

    /// <summary>红 / 橙 / 黄 / 蓝.</summary>
    public static string ChineseColour(this RiskLevel level) => level switch
    {
        RiskLevel.Major => "红色",
        RiskLevel.Significant => "橙色",
        RiskLevel.General => "黄色",
        _ => "蓝色"
    };
}
