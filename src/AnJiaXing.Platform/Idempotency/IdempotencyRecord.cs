namespace AnJiaXing.Platform.Idempotency;

/// <summary>
/// The first response to a create request with an <c>Idempotency-Key</c>. Its id (caller, route template and route
/// values, key) is the primary key, and it is inserted in the same transaction as what the request created, so a
/// retry — from any process, after any restart — finds it, and two concurrent first attempts cannot both commit.
/// </summary>
public sealed class IdempotencyRecord
{
    public string Id { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public int StatusCode { get; set; }
    public string? Location { get; set; }
    public string? ETag { get; set; }
    public string ResponseJson { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
