namespace AnJiaXing.Monitoring.Contracts;

/// <summary>
/// A device was registered for an enterprise: a sensor bound to monitoring points (its key, shown once, is stored
/// hashed outside the event stream; <see cref="KeyFingerprint"/> names it for audit), or a camera with its stream URL.
/// </summary>
public sealed record DeviceRegistered(
    Guid DeviceId,
    Guid EnterpriseId,
    string EnterpriseName,
    Guid TownId,
    IReadOnlyList<IndustryDomain> Domains,
    DeviceKind Kind,
    string Name,
    IReadOnlyList<string> MonitoringPointCodes,
    string? StreamUrl,
    string? KeyFingerprint,
    Actor By);

/// <summary>A sensor's key was revoked: telemetry with it is refused (401) from now on.</summary>
public sealed record DeviceKeyRevoked(Guid DeviceId, Guid EnterpriseId, string Reason, string KeyFingerprint, Actor By);
