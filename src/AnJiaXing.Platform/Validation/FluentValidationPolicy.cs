using FluentValidation;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace AnJiaXing.Platform.Validation;

/// <summary>
/// Puts request validation in front of every Wolverine endpoint whose body (or query-string object) has a
/// registered <see cref="IValidator{T}"/>: one policy instead of per-endpoint code.
/// </summary>
public sealed class FluentValidationPolicy : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            var validated = chain.HasRequestType ? chain.RequestType : chain.ComplexQueryStringType;
            if (validated is null) continue;

            var validatorType = typeof(IValidator<>).MakeGenericType(validated);
            if (!container.RegistrationsFor(validatorType).Any()) continue;

            chain.Metadata.ProducesValidationProblem(StatusCodes.Status400BadRequest);
            var method = typeof(FluentValidationExecutor)
                .GetMethod(nameof(FluentValidationExecutor.ValidateAsync))!
                .MakeGenericMethod(validated);
            var call = new MethodCall(typeof(FluentValidationExecutor), method);
            chain.Middleware.InsertRange(0, [call, new MaybeEndWithResultFrame(call.ReturnVariable!)]);
        }
    }
}
