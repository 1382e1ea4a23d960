namespace AnJiaXing.Monitoring.Contracts;

/// <summary>The four alarm thresholds of a monitoring point (低低报 / 低报 / 高报 / 高高报).</summary>
public enum ThresholdLevel
{
    LowLow,
    Low,
    High,
    HighHigh
}

/// <summary>What a device is: a sensor sends telemetry with its device key; a camera has a stream URL.</summary>
public enum DeviceKind
{
    Sensor,
    Video
}

/// <summary>An alarm's state: raised (open), acknowledged by a person, resolved by a person after the point returned to normal.</summary>
public enum AlarmStatus
{
    Open,
    Acknowledged,
    Resolved
}

/// <summary>One hazardous substance of a unit: quantity q, critical quantity Q (GB 18218-2018 表1/表2), correction factor β (表3/表4).</summary>
public sealed record HazardousSubstance(string Name, decimal Quantity, decimal CriticalQuantity, decimal Beta);

/// <summary>A monitoring point (监测点) of a major hazard source: what it measures, in which unit, and its thresholds.</summary>
public sealed record MonitoringPointSpec(
    string Code,
    string Quantity,
    string Unit,
    double? LowLow,
    double? Low,
    double? High,
    double? HighHigh,
    double? Deadband);
