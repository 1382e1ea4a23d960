using Marten;
using Marten.Events.Projections;
using JasperFx.Events;

namespace AnJiaXing.Monitoring.MajorHazardSources;

/// <summary>A major hazard source as registered: the inline projection behind search (重大危险源台账).</summary>
public sealed class MajorHazardSourceView
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public Guid EnterpriseId { get; set; }
    public string EnterpriseName { get; set; } = "";
    public Guid TownId { get; set; }
    public List<IndustryDomain> Domains { get; set; } = [];
    public string Name { get; set; } = "";
    public decimal Alpha { get; set; }
    public List<HazardousSubstance> Substances { get; set; } = [];
    public decimal QuantityRatioSum { get; set; }
    public decimal R { get; set; }
    public int Grade { get; set; }
    public List<MonitoringPointSpec> MonitoringPoints { get; set; } = [];
    public DateTimeOffset RegisteredAt { get; set; }
    public Actor RegisteredBy { get; set; } = Actor.System;

    public static MajorHazardSourceView Create(IEvent<MajorHazardSourceRegistered> e) => new()
    {
        Id = e.Data.SourceId,
        EnterpriseId = e.Data.EnterpriseId,
        EnterpriseName = e.Data.EnterpriseName,
        TownId = e.Data.TownId,
        Domains = [.. e.Data.Domains],
        Name = e.Data.Name,
        Alpha = e.Data.Alpha,
        Substances = [.. e.Data.Substances],
        QuantityRatioSum = e.Data.QuantityRatioSum,
        R = e.Data.R,
        Grade = e.Data.Grade,
        MonitoringPoints = [.. e.Data.MonitoringPoints],
        RegisteredAt = e.Timestamp,
        RegisteredBy = e.Data.By
    };
}

/// <summary>
/// A monitoring point (监测点), keyed by its code (unique in the district: the readings route names it). Written when its
/// source is registered, read by telemetry (thresholds) and by the readings route (scope).
/// </summary>
public sealed class MonitoringPoint
{
    public string Id { get; set; } = "";
    public Guid SourceId { get; set; }
    public string SourceName { get; set; } = "";
    public Guid EnterpriseId { get; set; }
    public string EnterpriseName { get; set; } = "";
    public Guid TownId { get; set; }
    public List<IndustryDomain> Domains { get; set; } = [];
    public string Quantity { get; set; } = "";
    public string Unit { get; set; } = "";
    public double? LowLow { get; set; }
    public double? Low { get; set; }
    public double? High { get; set; }
    public double? HighHigh { get; set; }
    public double? Deadband { get; set; }

    public static MonitoringPoint Of(MajorHazardSourceRegistered e, MonitoringPointSpec p) => new()
    {
        Id = p.Code, SourceId = e.SourceId, SourceName = e.Name, EnterpriseId = e.EnterpriseId, EnterpriseName = e.EnterpriseName,
        TownId = e.TownId, Domains = [.. e.Domains], Quantity = p.Quantity, Unit = p.Unit,
        LowLow = p.LowLow, Low = p.Low, High = p.High, HighHigh = p.HighHigh, Deadband = p.Deadband
    };

    public IEnumerable<(ThresholdLevel Level, double Value)> Thresholds()
    {
        if (LowLow is { } ll) yield return (ThresholdLevel.LowLow, ll);
        if (Low is { } l) yield return (ThresholdLevel.Low, l);
        if (High is { } h) yield return (ThresholdLevel.High, h);
        if (HighHigh is { } hh) yield return (ThresholdLevel.HighHigh, hh);
    }
}

public static class MajorHazardSourceAccess
{
    public static bool Sees(Caller caller, Guid enterpriseId, Guid townId, IEnumerable<IndustryDomain> domains) =>
        caller.Scope.CoversEnterprise(enterpriseId, townId, domains);

    /// <summary>Who registers major hazard sources and devices: the enterprise itself, its town's supervisors, the departments, the district.</summary>
    public static bool MayRegister(Caller caller) =>
        caller.Role is Role.EnterpriseUser or Role.TownSupervisor or Role.DepartmentOfficer or Role.DistrictAdmin;
}

/// <summary>
/// The monitoring points of each registered source, folded inline from <see cref="MajorHazardSourceRegistered"/>: a
/// point is the same wherever its source's events are, so the district's copy of a town's source (ADR 0030) gives the
/// district the points its readers look up, and a rebuild writes them again from the events.
/// </summary>
public sealed class MonitoringPointsProjection : IProjection
{
    public const string Name = "MonitoringPoints";

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var e in events)
            if (e.Data is MajorHazardSourceRegistered registered)
                foreach (var point in registered.MonitoringPoints) operations.Store(MonitoringPoint.Of(registered, point));
        return Task.CompletedTask;
    }
}
