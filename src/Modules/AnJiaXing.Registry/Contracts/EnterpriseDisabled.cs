
namespace AnJiaXing.Registry.Contracts;

/// <summary>The enterprise may no longer use the platform: its users get no tokens and no new hazards are reported against it.</summary>
public sealed record EnterpriseDisabled(Guid EnterpriseId, string? Reason, Actor By);
