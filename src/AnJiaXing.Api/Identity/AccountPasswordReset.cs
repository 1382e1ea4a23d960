using AnJiaXing.Api.Infrastructure.Security;

namespace AnJiaXing.Api.Identity;

/// <summary>Someone set a new password for the account. Records who did it, never the password or its hash.</summary>
public sealed record AccountPasswordReset(Guid AccountId, Actor By);
