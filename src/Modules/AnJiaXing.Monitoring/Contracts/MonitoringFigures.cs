namespace AnJiaXing.Monitoring.Contracts;

/// <summary>
/// A question to the Monitoring module, answered in process (<c>IMessageBus.InvokeAsync&lt;MonitoringFigures&gt;</c>):
/// the monitoring figures within <see cref="Scope"/> (the platform's scope rule), narrowed to a town and/or an
/// enterprise. The enterprise file asks it with <see cref="ScopeConstraint.Everything"/> and the enterprise, having
/// checked the caller's scope itself.
/// </summary>
public sealed record CountMonitoringFigures(ScopeConstraint Scope, Guid? TownId = null, Guid? EnterpriseId = null, int WithinDays = 30);

/// <summary>Equipment or certificates: how many are registered, already expired, and expiring within the window.</summary>
public sealed record ExpiryFigures(int Total, int Expired, int ExpiringSoon);

/// <summary>
/// Monitoring and early warning (监测预警) at a glance: alarms not yet resolved (<see cref="OpenAlarms"/>, of which
/// <see cref="UnacknowledgedAlarms"/> nobody acknowledged yet) by threshold level; equipment and certificates expired or
/// expiring within <see cref="WithinDays"/> days of <see cref="AsOf"/> (the district's calendar day); major hazard
/// sources (重大危险源) by grade 1–4 (GB 18218-2018).
/// </summary>
public sealed record MonitoringFigures(
    int OpenAlarms,
    int UnacknowledgedAlarms,
    IReadOnlyDictionary<ThresholdLevel, int> OpenAlarmsByLevel,
    ExpiryFigures Equipment,
    ExpiryFigures Certificates,
    int MajorHazardSources,
    IReadOnlyDictionary<int, int> MajorHazardSourcesByGrade,
    int WithinDays,
    DateOnly AsOf);
