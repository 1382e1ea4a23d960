namespace AnJiaXing.CityPlatform.Dispatches;

/// <summary>A dispatch (派单) received from the city, by its <c>dispatchId</c>: what was asked and what was answered.</summary>
public sealed class CityDispatch
{
    public string Id { get; set; } = "";
    public CityDispatchStatus Status { get; set; }
    public Guid? HazardId { get; set; }
    public Guid? EnterpriseId { get; set; }
    public Guid? TownId { get; set; }
    public string? CreditCode { get; set; }
    public string? Address { get; set; }
    public string Description { get; set; } = "";
    public DateTimeOffset? Deadline { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public string BodySha256 { get; set; } = "";

    public CityDispatchAnswer Answer => new(Id, Status, HazardId, EnterpriseId, TownId, ReceivedAt);
}

/// <summary>A dispatch refused for its signature (401): recorded, never acted on.</summary>
public sealed class CityDispatchRejection
{
    public Guid Id { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public string Reason { get; set; } = "";
    public string? RemoteAddress { get; set; }
    public string BodySha256 { get; set; } = "";
    public int BodyLength { get; set; }
}
