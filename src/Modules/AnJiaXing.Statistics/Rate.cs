namespace AnJiaXing.Statistics;

/// <summary>A share with its parts, so a reader can check it; <c>value</c> is null when nothing was counted.</summary>
public sealed record Rate(int Numerator, int Denominator, double? Value)
{
    public static Rate Of(int numerator, int denominator) =>
        new(numerator, denominator, denominator == 0 ? null : Math.Round((double)numerator / denominator, 4));
}
