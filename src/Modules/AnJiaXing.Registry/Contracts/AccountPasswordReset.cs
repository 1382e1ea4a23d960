
namespace AnJiaXing.Registry.Contracts;

/// <summary>Someone set a new password for the account. Records who did it, never the password or its hash.</summary>
public sealed record AccountPasswordReset(Guid AccountId, Actor By);
