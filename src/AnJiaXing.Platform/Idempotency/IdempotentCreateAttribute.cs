namespace AnJiaXing.Platform.Idempotency;

/// <summary>
/// Marks a POST endpoint that creates something: <see cref="IdempotencyPolicy"/> gives it <c>Idempotency-Key</c>
/// handling (replay, 422 on another body, the race of concurrent first attempts). The endpoint itself only creates
/// and answers, e.g. with <see cref="Http.CreatedResponse.At"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IdempotentCreateAttribute : Attribute;
