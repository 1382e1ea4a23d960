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

    // What the hazard needs when a triage item is resolved later (absent on dispatches recorded before triage existed).
    public HazardLevel? Level { get; set; }
    public HazardCategory? Category { get; set; }
    public string? Location { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }

    /// <summary>Who settled the triage item (resolved to an enterprise or rejected), when, and why it was rejected.</summary>
    public Actor? SettledBy { get; set; }
    public DateTimeOffset? SettledAt { get; set; }
    public string? RejectionReason { get; set; }

    /// <summary>Whether it was a triage item when received (it stays listed at the triage route once settled).</summary>
    public bool Triaged { get; set; }

    public CityDispatchAnswer Answer => new(Id, Status, HazardId, EnterpriseId, TownId, ReceivedAt);
}

public static class CityDispatchViews
{
    public static CityTriageItem ToTriageItem(this CityDispatch d) => new(d.Id, d.Status, d.TownId, d.CreditCode, d.Address, d.Description,
        d.Level, d.Category, d.Location, d.Deadline, d.ReceivedAt, d.EnterpriseId, d.HazardId, d.SettledBy, d.SettledAt, d.RejectionReason);
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
