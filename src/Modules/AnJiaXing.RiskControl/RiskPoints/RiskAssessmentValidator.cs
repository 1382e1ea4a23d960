using FluentValidation;

namespace AnJiaXing.RiskControl.RiskPoints;

/// <summary>
/// LEC: L (可能性) 0.1–10, E (暴露频率) 0.5–10, C (后果) 1–100, no S. LS: L and S whole numbers 1–5, no E or C. Values between
/// the table's steps are allowed (a method's tables are guidance; the thresholds are what api.md fixes).
/// </summary>
public sealed class RiskAssessmentValidator : AbstractValidator<RiskAssessment>
{
    public RiskAssessmentValidator()
    {
        RuleFor(x => x.Method).IsInEnum();
        When(x => x.Method == AssessmentMethod.LEC, () =>
        {
            RuleFor(x => x.L).InclusiveBetween(0.1, 10).WithName("l").WithMessage(_ => ProblemLanguage.Say("LEC 的 L（事故发生的可能性）应在 0.1 至 10 之间。", "The L (likelihood of an accident) of LEC must be between 0.1 and 10."));
            RuleFor(x => x.E).NotNull().WithName("e").WithMessage(_ => ProblemLanguage.Say("LEC 评估需要 E（暴露于危险环境的频繁程度）。", "An LEC assessment needs E (how often people are exposed)."))
                .InclusiveBetween(0.5, 10).WithName("e").WithMessage(_ => ProblemLanguage.Say("LEC 的 E 应在 0.5 至 10 之间。", "The E of LEC must be between 0.5 and 10."));
            RuleFor(x => x.C).NotNull().WithName("c").WithMessage(_ => ProblemLanguage.Say("LEC 评估需要 C（发生事故产生的后果）。", "An LEC assessment needs C (the consequences of an accident)."))
                .InclusiveBetween(1, 100).WithName("c").WithMessage(_ => ProblemLanguage.Say("LEC 的 C 应在 1 至 100 之间。", "The C of LEC must be between 1 and 100."));
            RuleFor(x => x.S).Null().WithName("s").WithMessage(_ => ProblemLanguage.Say("LEC 评估没有 S。", "An LEC assessment has no S."));
        });
        When(x => x.Method == AssessmentMethod.LS, () =>
        {
            RuleFor(x => x.L).Must(WholeOneToFive).WithName("l").WithMessage(_ => ProblemLanguage.Say("LS 的 L（可能性）应为 1 至 5 的整数。", "The L (likelihood) of LS must be a whole number from 1 to 5."));
            RuleFor(x => x.S).NotNull().WithName("s").WithMessage(_ => ProblemLanguage.Say("LS 评估需要 S（严重性）。", "An LS assessment needs S (severity)."))
                .Must(s => s is { } v && WholeOneToFive(v)).WithName("s").WithMessage(_ => ProblemLanguage.Say("LS 的 S（严重性）应为 1 至 5 的整数。", "The S (severity) of LS must be a whole number from 1 to 5."));
            RuleFor(x => x.E).Null().WithName("e").WithMessage(_ => ProblemLanguage.Say("LS 评估没有 E。", "An LS assessment has no E."));
            RuleFor(x => x.C).Null().WithName("c").WithMessage(_ => ProblemLanguage.Say("LS 评估没有 C。", "An LS assessment has no C."));
        });
    }

    private static bool WholeOneToFive(double v) => v is >= 1 and <= 5 && Math.Abs(v - Math.Round(v)) < 1e-9;
}
