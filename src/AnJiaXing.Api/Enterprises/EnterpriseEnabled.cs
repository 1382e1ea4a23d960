using AnJiaXing.Api.Infrastructure.Security;

namespace AnJiaXing.Api.Enterprises;

public sealed record EnterpriseEnabled(Guid EnterpriseId, Actor By);
