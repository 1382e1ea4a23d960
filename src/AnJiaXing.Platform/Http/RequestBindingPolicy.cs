using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace AnJiaXing.Platform.Http;

/// <summary>
/// Puts <see cref="RequestBindingGuard"/> in front of every Wolverine endpoint, ahead of body deserialization and of
/// validation: what the endpoint binds from the route, the query string and the JSON body is described once here
/// (as endpoint metadata) and checked once there, so no endpoint repeats a binding check.
/// </summary>
public sealed class RequestBindingPolicy : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            var binding = Describe(chain);
            chain.Metadata.WithMetadata(binding);
            chain.Metadata.ProducesValidationProblem(StatusCodes.Status400BadRequest);

            var method = typeof(RequestBindingGuard).GetMethod(nameof(RequestBindingGuard.CheckAsync))!;
            var call = new MethodCall(typeof(RequestBindingGuard), method);
            chain.Middleware.InsertRange(0, [call, new MaybeEndWithResultFrame(call.ReturnVariable!)]);
        }
    }

    private static RequestBinding Describe(HttpChain chain)
    {
        var routeNames = new HashSet<string>(
            chain.RoutePattern?.Parameters.Select(p => p.Name) ?? [], StringComparer.OrdinalIgnoreCase);
        var route = new List<BoundValue>();
        var query = new List<BoundValue>();
        foreach (var parameter in chain.Method.Method.GetParameters())
        {
            if (parameter.Name is not { } name || !ScalarBinding.IsScalar(parameter.ParameterType)) continue;
            if (routeNames.Contains(name) || parameter.GetCustomAttribute<FromRouteAttribute>() is not null)
            {
                route.Add(new BoundValue(parameter.GetCustomAttribute<FromRouteAttribute>()?.Name ?? name, parameter.ParameterType));
            }
            else if (!IsBoundElsewhere(parameter))
            {
                query.Add(new BoundValue(parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? name, parameter.ParameterType));
            }
        }

        var body = chain.HasRequestType && !chain.IsFormData ? chain.RequestType : null;
        return new RequestBinding(route, query, body);
    }

    /// <summary>Headers, claims, services and forms are not the query string's.</summary>
    private static bool IsBoundElsewhere(ParameterInfo parameter) =>
        parameter.GetCustomAttributes().Any(a => a is IFromHeaderMetadata or IFromServiceMetadata or IFromFormMetadata
            or IFromBodyMetadata || a.GetType().Name is "FromClaimAttribute")
        || parameter.Name is "now";
}

/// <summary>What an endpoint binds: typed route and query values, and the JSON body's type.</summary>
public sealed record RequestBinding(IReadOnlyList<BoundValue> Route, IReadOnlyList<BoundValue> Query, Type? Body);

public sealed record BoundValue(string Name, Type Type);
