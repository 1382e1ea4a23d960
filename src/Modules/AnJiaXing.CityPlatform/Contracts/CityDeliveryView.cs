namespace AnJiaXing.CityPlatform.Contracts;

public enum CityDeliveryStatus
{
    /// <summary>Waiting for its turn, its next attempt, or a configured feed.</summary>
    Pending,
    Delivered,
    /// <summary>Dead-lettered after the configured number of failed attempts; the hazard's later changes wait behind it.</summary>
    Failed
}

/// <summary>
/// One message of the outbound feed to the city operations platform: one per hazard event, written in the event's
/// transaction. <see cref="Id"/> is the CloudEvents id (the hazard event's own id), so the receiver dedupes by it;
/// <see cref="Version"/> is the event's position in its hazard, the order of delivery. <see cref="Body"/> is the
/// structured-mode CloudEvent exactly as sent (a resend is byte for byte the same message).
/// </summary>
public sealed class CityDelivery
{
    public Guid Id { get; set; }
    public Guid HazardId { get; set; }
    public Guid EnterpriseId { get; set; }
    public Guid TownId { get; set; }
    public long Version { get; set; }
    public string Type { get; set; } = "";
    public string Body { get; set; } = "";
    public CityDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>A delivery as <c>GET /api/integration/city/deliveries</c> lists it (without the body).</summary>
public sealed record CityDeliveryView(
    Guid Id, Guid HazardId, long Version, string Type, CityDeliveryStatus Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt, DateTimeOffset? LastAttemptAt, string? LastError, DateTimeOffset? DeliveredAt)
{
    public static CityDeliveryView Of(CityDelivery d) =>
        new(d.Id, d.HazardId, d.Version, d.Type, d.Status, d.Attempts, d.CreatedAt, d.NextAttemptAt, d.LastAttemptAt, d.LastError, d.DeliveredAt);
}

/// <summary>The answer of <c>POST /api/integration/city/dispatches</c> (202), the same on every replay of a dispatch id.</summary>
public sealed record CityDispatchAnswer(string DispatchId, CityDispatchStatus Status, Guid? HazardId, Guid? EnterpriseId, Guid? TownId, DateTimeOffset ReceivedAt);

public enum CityDispatchStatus
{
    /// <summary>The enterprise was found; the hazard is being entered into the ledger under <c>hazardId</c>.</summary>
    Accepted,
    /// <summary>No enterprise matched: a triage item for the town (or the district) to assign by hand.</summary>
    Triage,
    /// <summary>The town found no enterprise to assign it to and rejected it with a reason, which went back to the city.</summary>
    Rejected
}
