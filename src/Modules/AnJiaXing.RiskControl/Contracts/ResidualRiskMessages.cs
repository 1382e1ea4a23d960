using Wolverine.Attributes;

namespace AnJiaXing.RiskControl.Contracts;

/// <summary>
/// A hazard raised on a risk point was closed: ask for the point's re-assessment. Sent by Risk control's subscription to
/// the hazard ledger on a durable local queue; every delivery means the same request, which is appended once.
/// </summary>
[MessageIdentity("AnJiaXing.RiskControl.RequestRiskReassessment")]
public sealed record RequestRiskReassessment(Guid RiskPointId, Guid HazardId, string HazardDescription, DateTimeOffset HazardClosedAt);
