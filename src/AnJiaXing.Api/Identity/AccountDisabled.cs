using AnJiaXing.Api.Infrastructure.Security;

namespace AnJiaXing.Api.Identity;

public sealed record AccountDisabled(Guid AccountId, string? Reason, Actor By);
