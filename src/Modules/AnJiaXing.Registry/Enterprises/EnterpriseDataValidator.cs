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
        RuleFor(x => x.Domains).NotEmpty().WithMessage("Name at least one industry domain.")
            .Must(d => d is null || d.Distinct().Count() == d.Count).WithMessage("Name each industry domain once.");
        RuleForEach(x => x.Domains).IsInEnum();
        RuleFor(x => x.Scale).MaximumLength(50);
        RuleFor(x => x.LegalRepresentative).MaximumLength(50);
        RuleFor(x => x.SafetyManager).MaximumLength(50);
        RuleFor(x => x.ContactPhone).MaximumLength(30)
            .Matches(@"^[0-9+\-() ]*$").WithMessage("A phone number has digits, spaces and + - ( ) only.");
        RuleFor(x => x.Latitude).InclusiveBetween(-90, 90);
        RuleFor(x => x.Longitude).InclusiveBetween(-180, 180);
        RuleFor(x => x).Must(x => x.Latitude.HasValue == x.Longitude.HasValue)
            .OverridePropertyName("latitude").WithMessage("Give both latitude and longitude, or neither.");
    }
}
