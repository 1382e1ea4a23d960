
namespace AnJiaXing.Registry.Contracts;

public sealed record EnterpriseEnabled(Guid EnterpriseId, Actor By);
