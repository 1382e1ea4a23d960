
namespace AnJiaXing.Registry.Contracts;

/// <summary>An EnterpriseUser account was opened for the enterprise (the account has its own stream, started in the same transaction).</summary>
public sealed record EnterpriseAccountGranted(Guid EnterpriseId, Guid AccountId, string Username, string DisplayName, Actor By);
