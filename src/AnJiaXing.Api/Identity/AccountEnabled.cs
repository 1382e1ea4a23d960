using AnJiaXing.Api.Infrastructure.Security;

namespace AnJiaXing.Api.Identity;

public sealed record AccountEnabled(Guid AccountId, Actor By);
