using JasperFx.Events;

namespace AnJiaXing.RiskControl.Contracts;

/// <summary>A risk point's place on the site plan: x and y in 0..1 of the image's width and height, from the top left.</summary>
public sealed record RiskMapPlacement(Guid RiskPointId, double X, double Y);

/// <summary>
/// An enterprise's four-colour map (安全风险四色图) was published: the site plan (evidence) and where its risk points are on it.
/// Each publication replaces the previous one; the stream keeps them all.
/// </summary>
public sealed record RiskMapPublished(Guid MapId, Guid EnterpriseId, EvidenceRef Plan, IReadOnlyList<RiskMapPlacement> Placements, Actor By);

/// <summary>An enterprise's four-colour map as last published (inline projection; one stream per enterprise).</summary>
public sealed class RiskMapView
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public Guid EnterpriseId { get; set; }
    public EvidenceRef Plan { get; set; } = new(Guid.Empty, "");
    public List<RiskMapPlacement> Placements { get; set; } = [];
    public DateTimeOffset PublishedAt { get; set; }
    public Actor PublishedBy { get; set; } = Actor.System;

    public static RiskMapView Create(IEvent<RiskMapPublished> e) => new RiskMapView { Id = e.Data.MapId }.With(e);

    public void Apply(IEvent<RiskMapPublished> e) => With(e);

    private RiskMapView With(IEvent<RiskMapPublished> e)
    {
        EnterpriseId = e.Data.EnterpriseId;
        Plan = e.Data.Plan;
        Placements = [.. e.Data.Placements];
        PublishedAt = e.Timestamp;
        PublishedBy = e.Data.By;
        return this;
    }
}
