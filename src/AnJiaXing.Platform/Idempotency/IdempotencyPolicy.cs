using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace AnJiaXing.Platform.Idempotency;

/// <summary>
/// Puts <see cref="IdempotentCreate"/> around every endpoint marked <see cref="IdempotentCreateAttribute"/>: before the
/// endpoint (after validation) the replay of an earlier answer to the same key, after it — ahead of the transaction's
/// commit — the record of this answer. One policy instead of per-endpoint code.
/// </summary>
public sealed class IdempotencyPolicy : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            if (chain.Method.Method.GetCustomAttribute<IdempotentCreateAttribute>() is null) continue;
            if (!chain.HasRequestType || chain.RequestType is null)
                throw new InvalidOperationException(
                    $"{chain.Method.HandlerType.Name}.{chain.Method.Method.Name} is marked [IdempotentCreate] but has no JSON body to compare retries by.");
            var response = chain.Method.ReturnVariable
                           ?? throw new InvalidOperationException(
                               $"{chain.Method.HandlerType.Name}.{chain.Method.Method.Name} is marked [IdempotentCreate] but answers nothing to remember.");

            var before = new MethodCall(typeof(IdempotentCreate),
                typeof(IdempotentCreate).GetMethod(nameof(IdempotentCreate.BeforeAsync))!.MakeGenericMethod(chain.RequestType));
            chain.Middleware.AddRange([before, new MaybeEndWithResultFrame(before.ReturnVariable!)]);

            var remember = new MethodCall(typeof(IdempotentCreate), typeof(IdempotentCreate).GetMethod(nameof(IdempotentCreate.Remember))!);
            remember.Arguments[2] = response;
            // First among the postprocessors: the record joins the unit of work the transactional middleware commits.
            chain.Postprocessors.Insert(0, remember);

            chain.Metadata.ProducesProblem(StatusCodes.Status409Conflict);
            chain.Metadata.ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        }
    }
}
