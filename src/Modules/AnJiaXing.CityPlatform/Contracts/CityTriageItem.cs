namespace AnJiaXing.CityPlatform.Contracts;

/// <summary>
/// A dispatch (派单) no enterprise matched, as the town supervisor sees it at <c>GET /api/integration/city/triage</c>:
/// what the city asked, and, once settled, the enterprise it was resolved to (and its hazard) or why it was rejected.
/// </summary>
public sealed record CityTriageItem(
    string DispatchId,
    CityDispatchStatus Status,
    Guid? TownId,
    string? CreditCode,
    string? Address,
    string Description,
    HazardLevel? Level,
    HazardCategory? Category,
    string? Location,
    DateTimeOffset? Deadline,
    DateTimeOffset ReceivedAt,
    Guid? EnterpriseId,
    Guid? HazardId,
    Actor? SettledBy,
    DateTimeOffset? SettledAt,
    string? RejectionReason);

/// <summary><c>POST /api/integration/city/triage/{dispatchId}/resolve</c>: the enterprise the dispatch is about.</summary>
public sealed record ResolveCityTriage(Guid? EnterpriseId);

/// <summary><c>POST /api/integration/city/triage/{dispatchId}/reject</c>: why no enterprise of the town is meant (sent to the city).</summary>
public sealed record RejectCityTriage(string? Reason);
