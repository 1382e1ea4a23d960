using System.Security.Claims;
using System.Text.Json;
using JasperFx;
using JasperFx.CodeGeneration;
using Marten;
using Wolverine.Http;
using Wolverine.Http.Runtime.MultiTenancy;

namespace AnJiaXing.Platform.Tenancy;

/// <summary>Where a module's records live when towns have databases of their own (ADR 0030).</summary>
public enum ModuleHome
{
    /// <summary>In the town's database: its requests follow the caller's town, its events are copied to the district's.</summary>
    Town,

    /// <summary>In the district database only (notices, investigations, the city platform): every request goes there.</summary>
    District,

    /// <summary>Written in the district database and copied into every town's (the registry: organisations, accounts).</summary>
    SharedKernel
}

/// <summary>Endpoint metadata: the endpoint's module lives in the district database, whoever calls.</summary>
public sealed class DistrictEndpoint
{
    public static readonly DistrictEndpoint Instance = new();
}

/// <summary>Marks the endpoints of the district's and the shared kernel's modules (<see cref="DistrictEndpoint"/>).</summary>
public sealed class ModuleHomePolicy(IReadOnlyList<IAnJiaXingModule> modules) : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        var district = modules.Where(m => m.Home != ModuleHome.Town).Select(m => m.GetType().Assembly).ToHashSet();
        foreach (var chain in chains)
            if (district.Contains(chain.Method.HandlerType.Assembly))
                chain.Metadata.WithMetadata(DistrictEndpoint.Instance);
    }
}

/// <summary>
/// Which database a request uses (Wolverine HTTP's tenant detection; one strategy for every endpoint): the caller's town
/// for enterprise and town users, who therefore never open another town's database; the district's for district and
/// department users' reads, and for their writes the home of what they act on — the town of a stream named in the route
/// (its copy in the district records it, <see cref="StreamHome"/>), or of the enterprise the body names. Endpoints of a
/// district module always use the district's. With no town database configured it answers null at once: the default.
/// </summary>
public sealed class TownTenantDetection(TownDatabases towns, IDocumentStore store, IdentityCache identities) : ITenantDetection
{
    public async ValueTask<string?> DetectTenant(HttpContext context)
    {
        if (!towns.Several) return null;
        if (context.GetEndpoint()?.Metadata.GetMetadata<DistrictEndpoint>() is not null) return null;
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true) return null;
        if (Guid.TryParse(user.FindFirstValue(AnJiaXingClaims.TownId), out var town)) return towns.TenantOf(town);

        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) return null;
        var ct = context.RequestAborted;
        await using var session = store.QuerySession();
        foreach (var value in context.Request.RouteValues.Values)
            if (Guid.TryParse(value?.ToString(), out var id) && await session.LoadAsync<StreamHome>(id, ct) is { } home)
                return towns.TenantOf(home.Town);
        if (await EnterpriseNamedInBodyAsync(context) is { } enterprise
            && await identities.OrganisationAsync(session, enterprise, ct) is { } organisation)
            return towns.TenantOf(organisation.TownId);
        return null;
    }

    /// <summary>The <c>enterpriseId</c> at the top of a JSON body (read once, with the binding guard that checks it next).</summary>
    private static async Task<Guid?> EnterpriseNamedInBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength is 0 || !context.Request.HasJsonContentType()) return null;
        var body = await JsonRequestBody.ReadAsync(context);
        try
        {
            using var document = JsonDocument.Parse(body.Bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("enterpriseId", out var value)
                   && value.ValueKind == JsonValueKind.String && value.TryGetGuid(out var id)
                ? id
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>In the district database: the town whose database is the home of a stream copied from it.</summary>
public sealed class StreamHome
{
    public Guid Id { get; set; }
    public Guid Town { get; set; }
}
