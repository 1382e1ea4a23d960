using FluentValidation;
using Wolverine.Http;

namespace AnJiaXing.Platform.Validation;

public static class FluentValidationExecutor
{
    /// <summary>Runs every validator of the request; a failure ends the request with a 400 whose <c>errors</c> map is field → messages.</summary>
    public static async Task<IResult> ValidateAsync<T>(IEnumerable<IValidator<T>> validators, T request)
    {
        // A missing required body never gets here (Wolverine answers 400); a missing optional one has nothing to validate.
        if (request is null) return WolverineContinue.Result();

        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(request);
            failures.AddRange(result.Errors);
        }

        if (failures.Count == 0) return WolverineContinue.Result();

        var errors = failures
            .GroupBy(f => ToCamelPath(f.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());
        return Results.ValidationProblem(errors, title: "One or more validation errors occurred.");
    }

    private static string ToCamelPath(string path) =>
        string.Join('.', path.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
