
namespace AnJiaXing.Inspections.Contracts;

/// <summary>
/// The inspector signed and submitted the record (签字提交); from here on it is immutable. <see cref="Findings"/> are
/// the NonCompliant items that raise one hazard each (none for a temporary check or a recheck, see ADR 0017);
/// <see cref="SignatureKeyId"/> names the personal signing key when the request carried a verified signature.
/// </summary>
public sealed record InspectionSubmitted(
    Guid InspectionId,
    Guid? EnterpriseId,
    Guid? PlanId,
    IReadOnlyList<string> Findings,
    string? SignatureKeyId,
    Actor By) : IInspectionEvent;
