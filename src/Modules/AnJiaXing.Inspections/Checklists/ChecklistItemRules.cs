using FluentValidation;

namespace AnJiaXing.Inspections.Checklists;

/// <summary>What makes an item list acceptable, shared by publishing and revising.</summary>
public static class ChecklistItemRules
{
    public const int MaxItems = 500;
    public const string CodePattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$";

    public static void ValidItems<T>(this IRuleBuilderInitial<T, IReadOnlyList<ChecklistItem>> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("items is required.")
            .Must(items => items.Count is > 0 and <= MaxItems).WithMessage($"A checklist has between 1 and {MaxItems} items.")
            .Must(items => items.All(i => i is not null)).WithMessage("items may not contain null.")
            .Must(items => items.Select(i => (i.Code ?? "").Trim().ToUpperInvariant()).Distinct().Count() == items.Count)
            .WithMessage("Item codes must be unique within a checklist.")
            .ForEach(item => item.SetValidator(new ChecklistItemValidator()));

    public static void ValidName<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop).NotEmpty().Must(n => n.Trim().Length is > 0 and <= 100)
            .WithMessage("name must be 1 to 100 characters.");
}

public sealed class ChecklistItemValidator : AbstractValidator<ChecklistItem>
{
    public ChecklistItemValidator()
    {
        RuleFor(i => i.Code).Cascade(CascadeMode.Stop).NotEmpty()
            .Matches(ChecklistItemRules.CodePattern).WithMessage("code: letters, digits, '.', '_' or '-', at most 32 characters.");
        RuleFor(i => i.Category).NotEmpty().MaximumLength(50);
        RuleFor(i => i.Content).NotEmpty().MaximumLength(1000);
        RuleFor(i => i.LegalBasis).MaximumLength(500);
        RuleFor(i => i.SuggestedLevel).IsInEnum();
        RuleFor(i => i.Finding).MaximumLength(1000);
    }
}
