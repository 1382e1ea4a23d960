namespace AnJiaXing.Monitoring.Contracts;

/// <summary>
/// A reading crossed a threshold of a monitoring point and opened an alarm (报警). Raised by the device that sent the
/// reading (its actor: the device, acting for its enterprise). Published for other modules: the notices module
/// subscribes to it to put the alarm into the enterprise's and the town's inbox.
/// </summary>
public sealed record AlarmRaised(
    Guid AlarmId,
    string PointCode,
    Guid SourceId,
    string SourceName,
    Guid EnterpriseId,
    string EnterpriseName,
    Guid TownId,
    IReadOnlyList<IndustryDomain> Domains,
    ThresholdLevel Level,
    double Threshold,
    double Value,
    string Unit,
    DateTimeOffset At,
    Guid DeviceId,
    Actor By);

/// <summary>A person acknowledged an alarm (确认): someone is on it.</summary>
public sealed record AlarmAcknowledged(Guid AlarmId, Guid EnterpriseId, string? Remarks, Actor By);

/// <summary>A person resolved an alarm (解除) after its point returned to normal; the next crossing opens a new alarm.</summary>
public sealed record AlarmResolved(Guid AlarmId, Guid EnterpriseId, string? Remarks, Actor By);
