using FluentValidation;

namespace AnJiaXing.Registry.Identity;

public static class PasswordRules
{
    /// <summary>At least 8 characters, with letters and digits or symbols; at most 128.</summary>
    public static IRuleBuilderOptions<T, string> StrongPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty()
            .MinimumLength(8).MaximumLength(128)
            .Must(p => p is not null && p.Any(char.IsLetter) && p.Any(c => !char.IsLetter(c)))
            .WithMessage(_ => ProblemLanguage.Say("密码须包含字母，并至少包含一个数字或符号。", "The password needs letters and at least one digit or symbol."));
}
