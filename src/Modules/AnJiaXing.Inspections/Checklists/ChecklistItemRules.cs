using FluentValidation;

namespace AnJiaXing.Inspections.Checklists;

/// <summary>What makes an item list acceptable, shared by publishing and revising.</summary>
public static class ChecklistItemRules
{
    public const int MaxItems = 500;
    public const string CodePattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$";

    public static void ValidItems<T>(this IRuleBuilderInitial<T, IReadOnlyList<ChecklistItem>> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(_ => ProblemLanguage.Say("请提供 items。", "items is required."))
            .Must(items => items.Count is > 0 and <= MaxItems).WithMessage(_ => ProblemLanguage.Say($"检查表须有 1 至 {MaxItems} 个检查项。", $"A checklist has between 1 and {MaxItems} items."))
            .Must(items => items.All(i => i is not null)).WithMessage(_ => ProblemLanguage.Say("items 不能包含 null。", "items may not contain null."))
            .Must(items => items.Select(i => (i.Code ?? "").Trim().ToUpperInvariant()).Distinct().Count() == items.Count)
            .WithMessage(_ => ProblemLanguage.Say("同一检查表内检查项编码不能重复。", "Item codes must be unique within a checklist."))
            .ForEach(item => item.SetValidator(new ChecklistItemValidator()));

    public static void ValidName<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop).NotEmpty().Must(n => n.Trim().Length is > 0 and <= 100)
            .WithMessage(_ => ProblemLanguage.Say("name 须为 1 至 100 个字符。", "name must be 1 to 100 characters."));
}

public sealed class ChecklistItemValidator : AbstractValidator<ChecklistItem>
{
    public ChecklistItemValidator()
    {
        RuleFor(i => i.Code).Cascade(CascadeMode.Stop).NotEmpty()
            .Matches(ChecklistItemRules.CodePattern).WithMessage(_ => ProblemLanguage.Say("code 只能由字母、数字、“.”、“_”或“-”组成，至多 32 个字符。", "code: letters, digits, '.', '_' or '-', at most 32 characters."));
        RuleFor(i => i.Category).NotEmpty().MaximumLength(50);
        RuleFor(i => i.Content).NotEmpty().MaximumLength(1000);
        RuleFor(i => i.LegalBasis).MaximumLength(500);
        RuleFor(i => i.SuggestedLevel).IsInEnum();
        RuleFor(i => i.Finding).MaximumLength(1000);
    }
}
