
namespace AnJiaXing.Registry.Contracts;

public sealed record AccountDisabled(Guid AccountId, string? Reason, Actor By);
