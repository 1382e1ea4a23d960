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
/// (its copy in the district records it, <see cref="StreamHome"/>) or of an enterprise named there; else of the
/// enterprise the body names, the town it names (<c>townId</c>), or the streams it names (<c>…Id</c>, <c>…Ids</c>: a
/// patrol task's risk points). Endpoints of a district module always use the district's. With no town database
/// configured it answers null at once: the default.
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
        var routeIds = context.Request.RouteValues.Values.Select(v => Guid.TryParse(v?.ToString(), out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty).ToArray();
        if (routeIds.Length > 0 && await HomeOfAsync(session, routeIds, ct) is { } routed) return towns.TenantOf(routed);
        // An enterprise named in the route (its risk map, say): the enterprise's town.
        foreach (var id in routeIds)
            if (await identities.OrganisationAsync(session, id, ct) is { TownId: { } organisationTown }) return towns.TenantOf(organisationTown);
        if (await BodyAsync(context) is not { } body) return null;
        if (body.Enterprise is { } enterprise && await identities.OrganisationAsync(session, enterprise, ct) is { } organisation)
            return towns.TenantOf(organisation.TownId);
        if (body.Town is { } namedTown) return towns.TenantOf(namedTown);
        if (body.Streams.Length > 0 && await HomeOfAsync(session, body.Streams, ct) is { } home) return towns.TenantOf(home);
        return null;
    }

    /// <summary>The town of the first of these streams that was copied from a town (one read for all of them).</summary>
    private static async Task<Guid?> HomeOfAsync(IQuerySession session, Guid[] ids, CancellationToken ct)
    {
        var homes = (await session.LoadManyAsync<StreamHome>(ct, ids)).ToDictionary(h => h.Id, h => h.Town);
        foreach (var id in ids)
            if (homes.TryGetValue(id, out var town)) return town;
        return null;
    }

    /// <summary>What a body says about where it belongs.</summary>
    private sealed record BodyHints(Guid? Enterprise, Guid? Town, Guid[] Streams);

    /// <summary>
    /// At the top of a JSON body (read once, with the binding guard that checks it next): the <c>enterpriseId</c>, the
    /// <c>townId</c>, and the ids of what it names (<c>…Id</c> and <c>…Ids</c> properties: risk points of a patrol task,
    /// say), whose copies in the district say their towns. At most <see cref="MaxStreams"/> ids are looked up.
    /// </summary>
    private static async Task<BodyHints?> BodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength is 0 || !context.Request.HasJsonContentType()) return null;
        var body = await JsonRequestBody.ReadAsync(context);
        try
        {
            using var document = JsonDocument.Parse(body.Bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            Guid? enterprise = null, town = null;
            var streams = new List<Guid>();
            foreach (var property in root.EnumerateObject())
            {
                var name = property.Name;
                if (property.Value.ValueKind == JsonValueKind.String && property.Value.TryGetGuid(out var id))
                {
                    if (name.Equals("enterpriseId", StringComparison.OrdinalIgnoreCase)) enterprise = id;
                    else if (name.Equals("townId", StringComparison.OrdinalIgnoreCase)) town = id;
                    else if (name.EndsWith("Id", StringComparison.OrdinalIgnoreCase) && streams.Count < MaxStreams) streams.Add(id);
                }
                else if (property.Value.ValueKind == JsonValueKind.Array && name.EndsWith("Ids", StringComparison.OrdinalIgnoreCase))
                    foreach (var item in property.Value.EnumerateArray())
                        if (streams.Count < MaxStreams && item.ValueKind == JsonValueKind.String && item.TryGetGuid(out var each)) streams.Add(each);
            }
            return new BodyHints(enterprise, town, [.. streams]);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private const int MaxStreams = 20;
}

/// <summary>
/// In the district database: the town whose database holds a record — a stream copied from it, or a document of a town
/// that district readers must find (a sensor's credential, evidence) — keyed by the record's id.
/// </summary>
public sealed class StreamHome
{
    public Guid Id { get; set; }
    public Guid Town { get; set; }
}

/// <summary>Where a record named by its id lives when towns have databases of their own (ADR 0030).</summary>
public static class DistrictHomes
{
    /// <summary>
    /// Records in the district that these ids live in <paramref name="townSession"/>'s town, ahead of that session's
    /// commit (the replication would write a stream's home only a moment after it): should the commit fail, the homes
    /// name records the town does not hold, which are then not found. Nothing when the session is the district's.
    /// </summary>
    public static async Task WriteAheadAsync(IDocumentSession townSession, IEnumerable<Guid> ids, CancellationToken ct)
    {
        if (TownDatabases.TownOf(townSession.Database) is not { } town) return;
        await using var district = townSession.DocumentStore.LightweightSession();
        foreach (var id in ids) district.Store(new StreamHome { Id = id, Town = town });
        await district.SaveChangesAsync(ct);
    }

    /// <summary>The tenant of the town whose database holds the record; null for the district's (or with one database).</summary>
    public static async Task<string?> TenantOfAsync(IDocumentStore store, TownDatabases towns, Guid id, CancellationToken ct)
    {
        if (!towns.Several) return null;
        await using var district = store.QuerySession();
        return towns.TenantOf((await district.LoadAsync<StreamHome>(id, ct))?.Town);
    }
}
