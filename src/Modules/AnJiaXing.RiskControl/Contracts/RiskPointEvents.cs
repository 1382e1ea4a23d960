namespace AnJiaXing.RiskControl.Contracts;

/// <summary>The person responsible for a risk point (责任人), as they were when named.</summary>
public sealed record RiskResponsible(Guid UserId, string Name);

/// <summary>
/// A risk point (风险点) was entered into the control list (风险管控清单): an enterprise's, or a public one (公共风险点) of a
/// town, which has no enterprise. Carries its first assessment with the score and level decided from it.
/// </summary>
public sealed record RiskPointRegistered(
    Guid RiskPointId,
    Guid? EnterpriseId,
    string? EnterpriseName,
    Guid TownId,
    string TownName,
    IndustryDomain Domain,
    bool Public,
    string Name,
    string? Location,
    double? Latitude,
    double? Longitude,
    string Category,
    string? HazardFactors,
    string? PossibleAccidents,
    IReadOnlyList<string> ControlMeasures,
    string? EmergencyMeasures,
    string? EmergencyPhone,
    RiskResponsible? Responsible,
    RiskAssessment Assessment,
    double Score,
    RiskLevel Level,
    Actor By);

/// <summary>A risk point was assessed again (重新评估); the earlier assessments stay in the stream and in the read model's history.</summary>
public sealed record RiskPointReassessed(
    Guid RiskPointId,
    RiskAssessment Assessment,
    double Score,
    RiskLevel Level,
    RiskLevel PreviousLevel,
    string? Reason,
    Actor By);

/// <summary>
/// A hazard raised on this risk point was closed, so the point's residual risk is to be assessed again (残余风险再评估):
/// a to-do for its responsible person until the next <see cref="RiskPointReassessed"/>. Appended once per hazard.
/// </summary>
public sealed record RiskPointReassessmentRequested(
    Guid RiskPointId,
    Guid HazardId,
    string HazardDescription,
    DateTimeOffset HazardClosedAt,
    RiskResponsible? Responsible,
    Actor By);
