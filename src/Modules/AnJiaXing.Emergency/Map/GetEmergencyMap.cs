using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace AnJiaXing.Emergency.Map;

/// <summary>A GeoJSON (RFC 7946) point: <c>coordinates</c> are <c>[longitude, latitude]</c>.</summary>
public sealed record GeoJsonPoint(string Type, double[] Coordinates)
{
    public static GeoJsonPoint At(double latitude, double longitude) => new("Point", [longitude, latitude]);
}

/// <summary>What a marker on the emergency map shows.</summary>
public sealed record EmergencyMapProperties(string Layer, string Name, string? Category, string? Location, string? TownName,
    string? EnterpriseName, string? Phone, string? Status);

public sealed record GeoJsonFeature(string Type, Guid Id, GeoJsonPoint Geometry, EmergencyMapProperties Properties);

public sealed record GeoJsonFeatureCollection(string Type, IReadOnlyList<GeoJsonFeature> Features);

public static class GetEmergencyMapEndpoint
{
    /// <summary>
    /// Everything of the emergency registers with coordinates (fire stations, fire facilities, supplies, teams, experts) and
    /// the open incidents, in the caller's scope, as a GeoJSON FeatureCollection; <c>layer</c> is the register's route
    /// segment or <c>incidents</c>.
    /// </summary>
    [Authorize]
    [WolverineGet("/api/emergency/map", OperationId = "GetEmergencyMap")]
    public static async Task<GeoJsonFeatureCollection> Get(Guid? townId, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var resources = session.Query<EmergencyResourceView>().InScope(caller)
            .Where(r => r.Details.Latitude != null && r.Details.Longitude != null);
        var incidents = session.Query<IncidentView>().InScope(caller)
            .Where(i => i.Status == IncidentStatus.Open && i.Latitude != null && i.Longitude != null);
        if (townId is { } t)
        {
            resources = resources.Where(r => r.TownId == t);
            incidents = incidents.Where(i => i.TownId == t);
        }

        var features = (await resources.OrderBy(r => r.Register).ThenBy(r => r.Id).ToListAsync(ct))
            .Select(r => new GeoJsonFeature("Feature", r.Id, GeoJsonPoint.At(r.Details.Latitude!.Value, r.Details.Longitude!.Value),
                new EmergencyMapProperties(EmergencyResources.RouteOf(r.Register), r.Details.Name, r.Details.Category, r.Details.Location,
                    r.TownName, r.EnterpriseName, r.Details.Phone, null)))
            .Concat((await incidents.OrderBy(i => i.OccurredAt).ToListAsync(ct))
                .Select(i => new GeoJsonFeature("Feature", i.Id, GeoJsonPoint.At(i.Latitude!.Value, i.Longitude!.Value),
                    new EmergencyMapProperties("incidents", i.Place, i.Kind.ToString(), i.Place, i.TownName, i.EnterpriseName, null,
                        i.Status.ToString()))))
            .ToList();
        return new GeoJsonFeatureCollection("FeatureCollection", features);
    }
}
