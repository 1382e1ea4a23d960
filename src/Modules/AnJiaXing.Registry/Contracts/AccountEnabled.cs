
namespace AnJiaXing.Registry.Contracts;

public sealed record AccountEnabled(Guid AccountId, Actor By);
