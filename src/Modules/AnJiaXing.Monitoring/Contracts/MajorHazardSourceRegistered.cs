namespace AnJiaXing.Monitoring.Contracts;

/// <summary>
/// A major hazard source (重大危险源) was registered for an enterprise, with what GB 18218-2018 computed from its
/// substances: S = Σ q/Q (≥ 1, else it is no major hazard source), R = α · Σ β·q/Q and the grade (1 highest … 4).
/// </summary>
public sealed record MajorHazardSourceRegistered(
    Guid SourceId,
    Guid EnterpriseId,
    string EnterpriseName,
    Guid TownId,
    IReadOnlyList<IndustryDomain> Domains,
    string Name,
    decimal Alpha,
    IReadOnlyList<HazardousSubstance> Substances,
    decimal QuantityRatioSum,
    decimal R,
    int Grade,
    IReadOnlyList<MonitoringPointSpec> MonitoringPoints,
    Actor By);
