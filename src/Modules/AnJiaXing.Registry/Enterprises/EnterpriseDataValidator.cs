using FluentValidation;

namespace AnJiaXing.Registry.Enterprises;

public abstract class EnterpriseDataValidator<T> : AbstractValidator<T> where T : IEnterpriseData
{
    protected EnterpriseDataValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.CreditCode).NotEmpty().Custom((code, ctx) =>
        {
            if (!string.IsNullOrWhiteSpace(code) && Enterprises.CreditCode.Problem(code) is { } problem) ctx.AddFailure(problem);
        });
        RuleFor(x => x.Address).NotEmpty().MaximumLength(300);
        RuleFor(x => x.TownId).NotEmpty();
        RuleFor(x => x.Domains).NotEmpty().WithMessage(_ => ProblemLanguage.Say("请至少指定一个行业领域。", "Name at least one industry domain."))
            .Must(d => d is null || d.Distinct().Count() == d.Count).WithMessage(_ => ProblemLanguage.Say("每个行业领域只能指定一次。", "Name each industry domain once."));
        RuleForEach(x => x.Domains).IsInEnum();
        RuleFor(x => x.Scale).MaximumLength(50);
        RuleFor(x => x.LegalRepresentative).MaximumLength(50);
        RuleFor(x => x.SafetyManager).MaximumLength(50);
        RuleFor(x => x.ContactPhone).MaximumLength(30)
            .Matches(@"^[0-9+\-() ]*$").WithMessage(_ => ProblemLanguage.Say("电话号码只能包含数字、空格和 + - ( )。", "A phone number has digits, spaces and + - ( ) only."));
        RuleFor(x => x.Latitude).InclusiveBetween(-90, 90);
        RuleFor(x => x.Longitude).InclusiveBetween(-180, 180);
        RuleFor(x => x).Must(x => x.Latitude.HasValue == x.Longitude.HasValue)
            .OverridePropertyName("latitude").WithMessage(_ => ProblemLanguage.Say("经度和纬度须同时提供或同时不提供。", "Give both latitude and longitude, or neither."));
    }
}
