namespace AnJiaXing.Emergency.Contracts;

/// <summary>Kinds of incident (事件类型).</summary>
public enum IncidentKind
{
    Fire,             // 火灾
    Explosion,        // 爆炸
    Leak,             // 泄漏
    Poisoning,        // 中毒窒息
    Collapse,         // 坍塌
    MechanicalInjury, // 机械伤害
    Fall,             // 高处坠落
    Electrocution,    // 触电
    TrafficAccident,  // 交通事故
    NaturalDisaster,  // 自然灾害
    Other             // 其他
}

public enum IncidentStatus
{
    Open,
    Closed
}

/// <summary>An incident was reported (事件上报): when and where it happened, what, and its casualties; <see cref="Evidence"/>
/// the photos and documents (stored evidence) sent with the report (absent in reports from before evidence was taken).</summary>
public sealed record IncidentReported(
    Guid IncidentId,
    EmergencyOwner Owner,
    IncidentKind Kind,
    DateTimeOffset OccurredAt,
    string Place,
    double? Latitude,
    double? Longitude,
    int Deaths,
    int Injuries,
    string Description,
    Actor By,
    IReadOnlyList<EvidenceRef>? Evidence = null) : IEmergencyEvent;

/// <summary>News on an open incident (续报): what happened since, the casualties as now known, and any evidence sent with it.</summary>
public sealed record IncidentUpdated(
    Guid IncidentId,
    string Note,
    int Deaths,
    int Injuries,
    Actor By,
    IReadOnlyList<EvidenceRef>? Evidence = null) : IEmergencyEvent;

/// <summary>An incident was closed with a summary (结案).</summary>
public sealed record IncidentClosed(
    Guid IncidentId,
    string Summary,
    Actor By) : IEmergencyEvent;
